package io.clientbook.events.analytics;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.UUID;

/** Analytics moved a customer to another lifecycle stage ({@code new}, {@code repeat}, {@code at-risk}, ...). */
public record CustomerLifecycleStageChanged(UUID customerId, String previousStage, String stage, Instant changedAt) {

    public static final EventType<CustomerLifecycleStageChanged> TYPE =
            EventType.of("analytics", "customer.lifecycle.changed", 1, CustomerLifecycleStageChanged.class);
}
