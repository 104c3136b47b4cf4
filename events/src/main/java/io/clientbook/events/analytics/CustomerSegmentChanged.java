package io.clientbook.events.analytics;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer's segment changed (RFM segments such as {@code champions}, {@code at-risk}, {@code hibernating},
 * or frequency classes such as {@code low-frequency}). The contract interaction-service's care rules consume
 * (trigger {@code segment-changed}, condition {@code segments}); published by analytics once it classifies
 * segments (analytics-service II).
 */
public record CustomerSegmentChanged(UUID customerId, String previousSegment, String segment, Instant changedAt) {

    public static final EventType<CustomerSegmentChanged> TYPE =
            EventType.of("analytics", "customer.segment.changed", 1, CustomerSegmentChanged.class);
}
