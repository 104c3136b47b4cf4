package io.clientbook.events.interaction;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.UUID;

/** A service ticket was resolved (it may still be reopened). Feeds care rules (satisfaction surveys) and analytics. Key: customer id. */
public record TicketResolved(UUID ticketId, UUID customerId, String type, String priority, boolean resolutionBreached, Instant openedAt,
                             Instant resolvedAt) {

    public static final EventType<TicketResolved> TYPE =
            EventType.of("interaction", "ticket.resolved", 1, TicketResolved.class);
}
