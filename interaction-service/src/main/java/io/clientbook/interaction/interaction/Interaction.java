package io.clientbook.interaction.interaction;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One contact between the company and a customer. Stays inside this package's service. */
@Entity
@Table(name = "interaction")
class Interaction {

    @Id
    UUID id;
    @Column(name = "customer_id")
    UUID customerId;
    @Enumerated(EnumType.STRING)
    Channel channel;
    @Enumerated(EnumType.STRING)
    Direction direction;
    @Column(name = "occurred_at")
    Instant occurredAt;
    @Column(name = "duration_seconds")
    Integer durationSeconds;
    String subject;
    String summary;
    String outcome;
    @Column(name = "agent_id")
    String agentId;
    @Column(name = "order_id")
    UUID orderId;
    @Column(name = "ticket_id")
    UUID ticketId;
    @Column(name = "created_by")
    String createdBy;
    @Column(name = "created_at")
    Instant createdAt;
    boolean anonymised;
}
