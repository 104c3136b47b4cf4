package io.clientbook.platform.persistence;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Values of native query rows as Java types, whichever type the driver and Hibernate hand back. */
public final class Rows {

    private Rows() {
    }

    /** A timestamptz column; null stays null. */
    public static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }

    /** A date column; null stays null. */
    public static LocalDate localDate(Object value) {
        return switch (value) {
            case null -> null;
            case LocalDate d -> d;
            case Date d -> d.toLocalDate();
            default -> throw new IllegalStateException("unexpected date type " + value.getClass());
        };
    }
}
