package io.clientbook.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The outbox relay. */
@ConfigMapping(prefix = "clientbook.outbox")
public interface OutboxConfig {

    /** Publish outbox rows to Kafka at all (off only for tests that read the outbox table themselves). */
    @WithDefault("true")
    boolean relayEnabled();

    /** How often the relay looks for unpublished rows. */
    @WithDefault("200ms")
    Duration relayInterval();

    /** Rows published per transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long a published row is kept (for audit and replay) before the clean-up removes it. */
    @WithDefault("P7D")
    Duration retention();

    /** How long the broker may take to acknowledge a batch before the relay gives up and retries later. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** The CloudEvents {@code source} of this service's events. */
    @WithDefault("/clientbook/${quarkus.application.name}")
    String source();
}
