package io.clientbook.events.customer;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A person's data was erased from customer-service (the record stays, anonymised, for its orders). Every
 * other service erases what it holds on {@code customerId} and on {@code mergedIds} (records of the same
 * person merged into it), then confirms with {@code erasure.confirmed} naming {@code erasureRequestId}.
 */
public record CustomerErased(UUID customerId, UUID erasureRequestId, List<UUID> mergedIds, Instant requestedAt) {

    public static final EventType<CustomerErased> TYPE =
            EventType.of("customer", "customer.erased", 1, CustomerErased.class);
}
