package io.clientbook.interaction.followup.dto;

import io.clientbook.interaction.followup.FollowUpType;
import io.clientbook.interaction.interaction.Channel;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/**
 * A follow-up to create by hand. {@code assigneeId} defaults to the caller, {@code teamId} to the
 * assignee's team.
 */
public record FollowUpInput(@NotNull UUID customerId, @NotNull FollowUpType type, Channel channel, @NotNull Instant dueAt,
                            @Size(max = 100) String assigneeId, UUID teamId, @Size(max = 2000) String note) {
}
