package io.clientbook.interaction.support;

import io.clientbook.platform.web.Paging;

import java.util.Locale;
import java.util.UUID;

/** The position in a list ordered by lower-case name, then id: the cursor of teams and rules. */
public record NameCursor(String name, UUID id) {

    public static final NameCursor START = new NameCursor("", new UUID(0, 0));

    /** A cursor this API returned, or the start for none; a 400 naming {@code cursor} otherwise. */
    public static NameCursor parse(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return START;
        }
        String[] parts = Paging.parts(cursor, 2);
        try {
            return new NameCursor(parts[0], UUID.fromString(parts[1]));
        } catch (IllegalArgumentException e) {
            throw Paging.invalidCursor();
        }
    }

    /** The cursor after an item with this name and id. */
    public static String after(String name, UUID id) {
        return Paging.cursor(name.toLowerCase(Locale.ROOT), id);
    }
}
