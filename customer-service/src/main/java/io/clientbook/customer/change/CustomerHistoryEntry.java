package io.clientbook.customer.change;

import io.clientbook.platform.web.ApiEnumConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
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
import io.clientbook.events.customer.CustomerUpdated;

/** One change to one customer: a row of its field history. Written once, never changed (erasure aside). */
@Entity
@Immutable
@Table(name = "customer_history")
class CustomerHistoryEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "customer_history")
    @SequenceGenerator(name = "customer_history", sequenceName = "customer_history_seq", allocationSize = 50)
    Long id;
    @Column(name = "customer_id", nullable = false)
    UUID customerId;
    long version;
    @Convert(converter = KindConverter.class)
    HistoryKind kind;
    @Column(name = "changed_at", nullable = false)
    Instant changedAt;
    String actor;
    @Convert(converter = ChannelConverter.class)
    ChangeChannel channel;
    @JdbcTypeCode(SqlTypes.JSON)
    List<CustomerUpdated.Change> changes;

    protected CustomerHistoryEntry() {
    }

    CustomerHistoryEntry(UUID customerId, long version, HistoryKind kind, Instant changedAt, String actor,
            ChangeChannel channel, List<CustomerUpdated.Change> changes) {
        this.customerId = customerId;
        this.version = version;
        this.kind = kind;
        this.changedAt = changedAt;
        this.actor = actor;
        this.channel = channel;
        this.changes = changes;
    }

    @Override
    public String toString() {
        return "CustomerHistoryEntry[id=" + id + "]"; // no personal data in logs
    }

    @Converter
    static class KindConverter extends ApiEnumConverter<HistoryKind> {
        KindConverter() {
            super(HistoryKind.class);
        }
    }

    @Converter
    static class ChannelConverter extends ApiEnumConverter<ChangeChannel> {
        ChannelConverter() {
            super(ChangeChannel.class);
        }
    }
}
