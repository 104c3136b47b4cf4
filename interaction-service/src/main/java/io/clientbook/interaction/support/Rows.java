package io.clientbook.interaction.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Values of native query rows as Java types. */
public final class Rows {

    private Rows() {
    }

    /** A timestamptz column, whichever type the driver and Hibernate hand back. */
    public static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }
}
