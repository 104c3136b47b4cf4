package io.clientbook.interaction.team.dto;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record TeamView(UUID id, String name, String managerId, List<String> members, long version, Instant createdAt, Instant updatedAt) {
}
