package io.clientbook.customer.change.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One change in the feed. Read the record itself for its current state. */
@Schema(name = "Change")
public record ChangeItem(
        @Schema(description = "This change's place in the feed: a cursor that resumes right after it") String position,
        @Schema(enumeration = {"customer", "order"}) String entity,
        UUID id,
        UUID customerId,
        @Schema(description = "The event type: customer.created, customer.updated, customer.archived, order.recorded, order.updated")
        String type,
        long version,
        @Schema(description = "For customer.updated, the fields that changed") List<String> changedFields,
        Instant occurredAt) {
}
