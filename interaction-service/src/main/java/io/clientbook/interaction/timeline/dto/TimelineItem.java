package io.clientbook.interaction.timeline.dto;

import java.time.Instant;
import java.util.UUID;

/** One entry of {@code GET /api/v1/customers/{id}/timeline}. */
public record TimelineItem(UUID id, String kind, String type, Instant occurredAt, String summary) {
}
