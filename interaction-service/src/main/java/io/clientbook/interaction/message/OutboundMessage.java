package io.clientbook.interaction.message;

import io.clientbook.interaction.interaction.Channel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A care message or reminder: what to send, to whom, when, and what became of it. */
@Entity
@Table(name = "outbound_message")
class OutboundMessage {

    @Id
    UUID id;
    @Column(name = "customer_id")
    UUID customerId;
    @Enumerated(EnumType.STRING)
    Channel channel;
    @Column(name = "template_key")
    String templateKey;
    String purpose;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    Map<String, String> variables;
    @Column(name = "rule_id")
    UUID ruleId;
    @Column(name = "status")
    @Enumerated(EnumType.STRING)
    MessageStatus status;
    @Column(name = "send_at")
    Instant sendAt;
    @Column(name = "requested_at")
    Instant requestedAt;
    @Column(name = "outcome_at")
    Instant outcomeAt;
    @Column(name = "created_at")
    Instant createdAt;
}
