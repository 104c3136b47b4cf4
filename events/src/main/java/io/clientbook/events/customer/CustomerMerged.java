package io.clientbook.events.customer;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Customers were merged into one survivor. Every service moves what it holds for the merged customers to
 * the survivor, remembering where it came from, so that {@code customer.unmerged} can move it back.
 *
 * @param survivorId the customer that remains
 * @param mergedIds  the customers merged into it; reads of them answer 404 with {@code mergedInto}
 * @param version    the survivor's version after the merge (the fields it gained come in the customer.updated
 *                   published just before this event)
 * @param orderIds   the orders moved from the merged customers to the survivor
 */
public record CustomerMerged(UUID survivorId, List<UUID> mergedIds, long version, List<UUID> orderIds, Instant mergedAt) {

    public static final EventType<CustomerMerged> TYPE =
            EventType.of("customer", "customer.merged", 1, CustomerMerged.class);
}
