package io.clientbook.events.interaction;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * 80% of a ticket's first-response or resolution target has been used. Key: customer id.
 *
 * @param target {@code first-response} or {@code resolution}
 */
public record SlaWarning(UUID ticketId, UUID customerId, String target, Instant dueAt, String assigneeId, UUID teamId, Instant at) {

    public static final EventType<SlaWarning> TYPE =
            EventType.of("interaction", "sla.warning", 1, SlaWarning.class);
}
