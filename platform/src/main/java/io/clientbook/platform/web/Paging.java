package io.clientbook.platform.web;

import io.clientbook.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The list conventions (docs/api-guide.md): {@code limit} from 1 to 200, 50 by default, and opaque cursors
 * that carry a list's position (its sort key and the id that breaks ties) as base64url text.
 */
public final class Paging {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final String SEPARATOR = "|";

    private Paging() {
    }

    /** The page size asked for, or a 400 naming {@code limit}. */
    public static int limit(Integer requested) {
        int size = requested == null ? DEFAULT_LIMIT : requested;
        if (size < 1 || size > MAX_LIMIT) {
            throw new ProblemException.Invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return size;
    }

    /** A cursor holding these parts of a position. */
    public static String cursor(Object... parts) {
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            raw.append(i == 0 ? "" : SEPARATOR).append(parts[i]);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code count} parts of a cursor this API returned, or a 400 naming {@code cursor}. */
    public static String[] parts(String cursor, int count) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length == count) {
                return parts;
            }
        } catch (IllegalArgumentException e) {
            // not base64: answered below
        }
        throw invalidCursor();
    }

    public static ProblemException invalidCursor() {
        return new ProblemException.Invalid("cursor", "is not a cursor this API returned");
    }
}
