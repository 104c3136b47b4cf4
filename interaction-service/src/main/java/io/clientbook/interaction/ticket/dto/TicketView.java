package io.clientbook.interaction.ticket.dto;

import io.clientbook.interaction.interaction.Channel;
import io.clientbook.interaction.ticket.TicketPriority;
import io.clientbook.interaction.ticket.TicketStatus;
import io.clientbook.interaction.ticket.TicketType;

import java.time.Instant;
import java.util.UUID;

public record TicketView(UUID id, UUID customerId, TicketType type, TicketPriority priority, Channel channel, String subject,
                         String description, TicketStatus status, String assigneeId, UUID teamId, Sla sla, String escalatedTo,
                         long version, Instant createdAt, Instant updatedAt, Instant resolvedAt, Instant closedAt) {

    /**
     * The ticket's SLA clock. While {@code paused} (pending on the customer) {@code resolutionDueAt} is where
     * it stood when the clock stopped; it moves on when the ticket leaves pending.
     */
    public record Sla(UUID policyId, Instant firstResponseDueAt, Instant resolutionDueAt, boolean firstResponseBreached,
                      boolean resolutionBreached, boolean paused) {
    }
}
