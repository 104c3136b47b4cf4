package io.clientbook.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * Records an event in the caller's transaction: the state change and its event commit together or not at
 * all. {@link OutboxRelay} later publishes the row to Kafka. Never dual-write to the broker.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;

    Outbox(EntityManager entityManager, ObjectMapper objectMapper) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
    }

    /**
     * @param aggregateId the id every consumer keys on; for customer-related events, the customer id
     * @return the event id (the CloudEvents {@code id}, which consumers de-duplicate on)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> UUID record(EventType<T> type, String aggregateId, T payload) {
        UUID id = UUID.randomUUID();
        String json;
        try {
            json = objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + type.name(), e);
        }
        entityManager.persist(new OutboxMessage(id, type.aggregateType(), aggregateId, type.name(), type.version(), json,
                Instant.now()));
        return id;
    }

    /** An event to record with {@link #recordAll}. */
    public record Pending(EventType<?> type, String aggregateId, Object payload) {
    }

    /**
     * Records many events in the caller's transaction with one batched statement, for jobs that publish the
     * changes of thousands of customers at a time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(java.util.List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        entityManager.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (var insert = connection.prepareStatement("""
                    insert into outbox (id, aggregatetype, aggregateid, type, version, payload, occurred_at)
                    values (?, ?, ?, ?, ?, cast(? as jsonb), ?)""")) {
                for (Pending event : events) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, event.type().aggregateType());
                    insert.setString(3, event.aggregateId());
                    insert.setString(4, event.type().name());
                    insert.setInt(5, event.type().version());
                    try {
                        insert.setString(6, objectMapper.writeValueAsString(event.payload()));
                    } catch (JsonProcessingException e) {
                        throw new IllegalArgumentException("cannot serialise " + event.type().name(), e);
                    }
                    insert.setTimestamp(7, java.sql.Timestamp.from(now));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }
}
