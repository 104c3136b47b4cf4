package io.clientbook.interaction.sla.dto;

import java.time.Instant;
import java.util.UUID;

public record PolicyView(UUID id, String name, int rank, boolean enabled, PolicyCondition condition, int firstResponseMinutes,
                         int resolutionMinutes, UUID calendarId, long version, Instant createdAt, Instant updatedAt) {
}
