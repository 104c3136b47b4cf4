package io.clientbook.customer.integration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How shop webhooks are taken in and processed ({@code clientbook.integrations.*}). */
@ConfigMapping(prefix = "clientbook.integrations")
public interface IntegrationConfig {

    /** Processing of stored deliveries. */
    Processing processing();

    interface Processing {
        /** Run the processor on this instance at all (every instance does by default; rows are claimed, never shared). */
        @WithDefault("true")
        boolean enabled();

        /** How long the processor sleeps when nothing is due; a delivery taken in on this instance wakes it at once. */
        @WithDefault("500ms")
        Duration idlePoll();

        /** Deliveries claimed per round. */
        @WithDefault("50")
        int batchSize();

        /**
         * How long the processor waits, before each batch, for a pause in incoming deliveries: during a burst shops
         * are answered first (they time out on the answer, not on the processing) and the backlog is applied after.
         */
        @WithDefault("250ms")
        Duration maxYield();

        /** Attempts before a delivery that keeps failing for a passing reason is parked as failed. */
        @WithDefault("8")
        int maxAttempts();

        /** The wait after the first failed attempt, doubled after each next one. */
        @WithDefault("5s")
        Duration retryBackoff();
    }

    /** How long a processed delivery keeps its raw body (for support and replays); its row stays. */
    @WithDefault("P7D")
    Duration keepBodiesFor();
}
