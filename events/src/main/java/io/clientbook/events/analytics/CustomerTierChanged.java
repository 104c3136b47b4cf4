package io.clientbook.events.analytics;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.UUID;

/** Analytics placed a customer in another value tier ({@code vip}, {@code regular}, {@code potential}). */
public record CustomerTierChanged(UUID customerId, String previousTier, String tier, Instant changedAt) {

    public static final EventType<CustomerTierChanged> TYPE =
            EventType.of("analytics", "customer.tier.changed", 1, CustomerTierChanged.class);
}
