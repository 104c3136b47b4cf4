package io.clientbook.events.interaction;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * An open follow-up passed its due time without being done. Published once per follow-up (a snooze that
 * moves the due time and is missed again publishes again). Key: the customer id.
 */
public record FollowUpOverdue(UUID followUpId, UUID customerId, String type, String channel, Instant dueAt,
                              String assigneeId, UUID teamId, Instant detectedAt) {

    public static final EventType<FollowUpOverdue> TYPE =
            EventType.of("interaction", "followup.overdue", 1, FollowUpOverdue.class);
}
