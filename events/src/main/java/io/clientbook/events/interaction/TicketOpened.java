package io.clientbook.events.interaction;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A service ticket or complaint was opened. Carries no subject or description. Key: customer id.
 *
 * @param resolutionDueAt when the SLA policy wants it resolved; null without a policy
 */
public record TicketOpened(UUID ticketId, UUID customerId, String type, String priority, Instant openedAt, Instant resolutionDueAt) {

    public static final EventType<TicketOpened> TYPE =
            EventType.of("interaction", "ticket.opened", 1, TicketOpened.class);
}
