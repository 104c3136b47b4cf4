package io.clientbook.events.interaction;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A ticket missed its first-response or resolution target; the ticket was escalated (priority raised,
 * assigned to the team manager). Key: customer id.
 *
 * @param target      {@code first-response} or {@code resolution}
 * @param escalatedTo the manager it went to, null when its team has none
 */
public record SlaBreached(UUID ticketId, UUID customerId, String target, Instant dueAt, String priority, String escalatedTo, Instant at) {

    public static final EventType<SlaBreached> TYPE =
            EventType.of("interaction", "sla.breached", 1, SlaBreached.class);
}
