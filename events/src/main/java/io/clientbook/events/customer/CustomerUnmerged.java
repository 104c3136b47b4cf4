package io.clientbook.events.customer;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A merged customer was restored as its own record. Every service moves back what it moved to the survivor
 * when that customer was merged.
 *
 * @param survivorId      the customer it had been merged into
 * @param restoredId      the customer restored
 * @param orderIds        the orders moved back to the restored customer
 * @param survivorVersion the survivor's version afterwards
 * @param restoredVersion the restored customer's version afterwards (the survivor's fields that went back come
 *                        in the customer.updated published just before this event)
 */
public record CustomerUnmerged(UUID survivorId, UUID restoredId, List<UUID> orderIds, long survivorVersion,
        long restoredVersion, Instant unmergedAt) {

    public static final EventType<CustomerUnmerged> TYPE =
            EventType.of("customer", "customer.unmerged", 1, CustomerUnmerged.class);
}
