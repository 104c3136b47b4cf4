package io.clientbook.events.interaction;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A follow-up stayed overdue past the escalation delay and went to a team manager. Key: the customer id.
 *
 * @param escalatedTo the manager's user id (token {@code sub})
 */
public record FollowUpEscalated(UUID followUpId, UUID customerId, String assigneeId, UUID teamId, String escalatedTo,
                                Instant dueAt, Instant escalatedAt) {

    public static final EventType<FollowUpEscalated> TYPE =
            EventType.of("interaction", "followup.escalated", 1, FollowUpEscalated.class);
}
