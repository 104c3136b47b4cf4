package io.clientbook.platform.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of the outbox as written by {@link Outbox}: an entity so that many events written in one
 * transaction go to the database in JDBC batches. The relay reads and marks rows with plain SQL.
 */
@Entity
@Table(name = "outbox")
class OutboxMessage {

    @Id
    UUID id;
    @Column(name = "aggregatetype", nullable = false)
    String aggregateType;
    @Column(name = "aggregateid", nullable = false)
    String aggregateId;
    @Column(nullable = false)
    String type;
    @Column(nullable = false)
    int version;
    @ColumnTransformer(write = "cast(? as jsonb)")
    @Column(nullable = false)
    String payload;
    @Column(name = "occurred_at", nullable = false)
    Instant occurredAt;
    /** The W3C trace context of the writing request, or null outside a trace. */
    String traceparent;

    protected OutboxMessage() {
    }

    OutboxMessage(UUID id, String aggregateType, String aggregateId, String type, int version, String payload, Instant occurredAt,
            String traceparent) {
        this.id = id;
        this.aggregateType = aggregateType;
        this.aggregateId = aggregateId;
        this.type = type;
        this.version = version;
        this.payload = payload;
        this.occurredAt = occurredAt;
        this.traceparent = traceparent;
    }
}
