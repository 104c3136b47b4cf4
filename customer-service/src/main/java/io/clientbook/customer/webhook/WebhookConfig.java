package io.clientbook.customer.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Outgoing webhooks ({@code clientbook.webhooks.*}). */
@ConfigMapping(prefix = "clientbook.webhooks")
public interface WebhookConfig {

    /** Send on this instance (every instance does by default; deliveries are leased, never sent twice at once). */
    @WithDefault("true")
    boolean enabled();

    /** The wait after the first failed attempt; doubled after each next one, up to {@link #maxBackoff()}. */
    @WithDefault("10s")
    Duration retryBackoff();

    @WithDefault("1h")
    Duration maxBackoff();

    /** How long a delivery is retried before it is dead-lettered (and the customer's next events go on). */
    @WithDefault("24h")
    Duration giveUpAfter();

    /** How long a receiver has to answer. */
    @WithDefault("10s")
    Duration timeout();

    /** Deliveries sent at once by one instance (to different customers or subscriptions). */
    @WithDefault("8")
    int concurrency();

    @WithDefault("500ms")
    Duration idlePoll();

    /** How long delivered and dead-lettered deliveries stay in the log. */
    @WithDefault("P30D")
    java.time.Duration keepLogFor();

    /** How long an old secret keeps signing after a new one is made. */
    @WithDefault("24h")
    Duration secretOverlap();
}
