package io.clientbook.events.privacy;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.UUID;

/** A service erased its part of a person's data for an erasure request. On {@code clientbook.erasures}. */
public record ErasureConfirmed(UUID erasureRequestId, UUID customerId, String service, Instant completedAt) {

    public static final EventType<ErasureConfirmed> TYPE =
            EventType.of("erasure", "erasure.confirmed", 1, ErasureConfirmed.class);
}
