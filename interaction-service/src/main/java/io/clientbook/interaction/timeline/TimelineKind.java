package io.clientbook.interaction.timeline;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a timeline entry is; the API writes them in lower case with dashes. */
public enum TimelineKind {
    CUSTOMER_EVENT, INTERACTION, FOLLOW_UP, MESSAGE, TICKET, SURVEY_RESPONSE;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Accepts {@code customer-event}, {@code CUSTOMER_EVENT}, {@code Customer-Event}. */
    public static Optional<TimelineKind> parse(String text) {
        String normalised = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(k -> k.name().equals(normalised)).findFirst();
    }
}
