package io.clientbook.interaction.followup.dto;

import io.clientbook.interaction.followup.FollowUpStatus;
import io.clientbook.interaction.followup.FollowUpType;
import io.clientbook.interaction.interaction.Channel;

import java.time.Instant;
import java.util.UUID;

/**
 * A follow-up as the API shows it. {@code overdue}: still open (or snoozed) after its due time.
 * {@code escalatedTo}: the team manager it went to after staying overdue.
 */
public record FollowUpView(UUID id, UUID customerId, FollowUpType type, Channel channel, Instant dueAt, String assigneeId,
                           UUID teamId, FollowUpStatus status, boolean overdue, UUID ruleId, String outcome, String note,
                           String escalatedTo, long version, Instant createdAt, Instant updatedAt, Instant completedAt) {
}
