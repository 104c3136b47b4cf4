package io.clientbook.interaction.rule;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

@ConfigMapping(prefix = "clientbook.interaction.care")
public interface CareCalendarConfig {

    /** The zone of customers without one on their record: their birthday and holidays begin at its midnight. */
    @WithDefault("UTC")
    ZoneId defaultTimeZone();

    /** Local time of day at which calendar care (birthday, anniversary, holiday) is due, in the customer's zone. */
    @WithDefault("09:00")
    java.time.LocalTime localCareTime();

    /** How often calendar and cadence rules are run ("off" in tests, which run them by hand). */
    @WithDefault("15m")
    String every();

    /** Customers read per transaction while a calendar rule walks the book. */
    @WithDefault("500")
    int pageSize();
}
