package io.clientbook.customer.change;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A row of the change feed. Its transaction id ({@code tx_id}) is filled in by the database; the feed is
 * read by native SQL, so this entity only ever inserts.
 */
@Entity
@Immutable
@Table(name = "change_feed")
class ChangeFeedEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "change_feed")
    @SequenceGenerator(name = "change_feed", sequenceName = "change_feed_seq", allocationSize = 50)
    Long seq;
    String entity;
    @Column(name = "entity_id", nullable = false)
    UUID entityId;
    @Column(name = "customer_id", nullable = false)
    UUID customerId;
    String type;
    long version;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "changed_fields")
    List<String> changedFields;
    @Column(name = "occurred_at", nullable = false)
    Instant occurredAt;

    protected ChangeFeedEntry() {
    }

    ChangeFeedEntry(String entity, UUID entityId, UUID customerId, String type, long version, List<String> changedFields,
            Instant occurredAt) {
        this.entity = entity;
        this.entityId = entityId;
        this.customerId = customerId;
        this.type = type;
        this.version = version;
        this.changedFields = changedFields;
        this.occurredAt = occurredAt;
    }
}
