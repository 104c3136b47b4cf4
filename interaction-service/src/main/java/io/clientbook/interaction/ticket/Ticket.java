package io.clientbook.interaction.ticket;

import io.clientbook.interaction.interaction.Channel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A service ticket with its SLA clock. */
@Entity
@Table(name = "ticket")
class Ticket {

    @Id
    UUID id;
    @Column(name = "customer_id")
    UUID customerId;
    @Enumerated(EnumType.STRING)
    TicketType type;
    @Enumerated(EnumType.STRING)
    TicketPriority priority;
    @Enumerated(EnumType.STRING)
    Channel channel;
    String subject;
    String description;
    @Enumerated(EnumType.STRING)
    TicketStatus status;
    @Column(name = "assignee_id")
    String assigneeId;
    @Column(name = "team_id")
    UUID teamId;
    @Column(name = "sla_policy_id")
    UUID slaPolicyId;
    @Column(name = "first_response_due_at")
    Instant firstResponseDueAt;
    @Column(name = "resolution_due_at")
    Instant resolutionDueAt;
    @Column(name = "first_responded_at")
    Instant firstRespondedAt;
    @Column(name = "first_response_breached")
    boolean firstResponseBreached;
    @Column(name = "resolution_breached")
    boolean resolutionBreached;
    @Column(name = "paused_since")
    Instant pausedSince;
    @Column(name = "remaining_minutes")
    Long remainingMinutes;
    @Column(name = "escalated_to")
    String escalatedTo;
    @Column(name = "created_by")
    String createdBy;
    @Version
    long version;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "updated_at")
    Instant updatedAt;
    @Column(name = "resolved_at")
    Instant resolvedAt;
    @Column(name = "closed_at")
    Instant closedAt;
}
