package io.clientbook.events.customer;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A customer record changed. Lists each changed field (top-level API name, e.g. {@code tags},
 * {@code emails}, {@code tier}) with its old and new value as the API shows them.
 *
 * @param version the record's version after the change
 */
public record CustomerUpdated(UUID customerId, List<Change> changes, long version, Instant updatedAt) {

    public static final EventType<CustomerUpdated> TYPE =
            EventType.of("customer", "customer.updated", 1, CustomerUpdated.class);

    /** One field's old and new value (JSON values: strings, numbers, lists, objects or null). */
    public record Change(String field, Object oldValue, Object newValue) {
    }
}
