package io.clientbook.events.customer;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.UUID;

/** A customer record was archived (soft-deleted): it no longer appears in reads and searches. */
public record CustomerArchived(UUID customerId, Instant archivedAt) {

    public static final EventType<CustomerArchived> TYPE =
            EventType.of("customer", "customer.archived", 1, CustomerArchived.class);
}
