package io.clientbook.customer.change.dto;

import io.clientbook.customer.change.ChangeChannel;
import io.clientbook.customer.change.HistoryKind;
import io.clientbook.events.customer.CustomerUpdated;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** One change to a customer: who, when, through which channel, and each field's old and new value. */
@Schema(name = "HistoryEntry")
public record HistoryEntry(
        @Schema(description = "The record's version after the change") long version,
        HistoryKind kind,
        Instant changedAt,
        @Schema(description = "The user (token sub) or system that made the change; null if unknown") String changedBy,
        ChangeChannel channel,
        @Schema(description = "Changed fields with old and new values; empty for created, archived, merged")
        List<CustomerUpdated.Change> changes) {
}
