package io.clientbook.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.events.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * Records an event in the caller's transaction: the state change and its event commit together or not at
 * all. {@link OutboxRelay} later publishes the row to Kafka. Never dual-write to the broker.
 *
 * <p>Each row keeps the trace context of the request that wrote it, so the event continues that trace on the
 * broker; and once the transaction commits, {@code clientbook_events_recorded_total{type}} counts the fact
 * (customers created, orders recorded, SLA breaches ... are these counters by event type).
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final TransactionSynchronizationRegistry transactions;
    private final MeterRegistry meters;

    Outbox(EntityManager entityManager, ObjectMapper objectMapper, TransactionSynchronizationRegistry transactions,
            MeterRegistry meters) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.transactions = transactions;
        this.meters = meters;
    }

    /** The current W3C {@code traceparent}, or null when no trace is active. */
    static String currentTraceparent() {
        SpanContext context = Span.current().getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /** Key of this transaction's pending counts in the transaction registry. */
    private static final Object PENDING_COUNTS = new Object();

    /**
     * Counts the events once the transaction has committed (a rolled-back fact never happened): one
     * synchronization per transaction, however many events it records.
     */
    @SuppressWarnings("unchecked")
    private void countAfterCommit(java.util.Map<String, Integer> countsByType) {
        var pending = (java.util.Map<String, Integer>) transactions.getResource(PENDING_COUNTS);
        if (pending == null) {
            var counts = new java.util.HashMap<String, Integer>();
            transactions.putResource(PENDING_COUNTS, counts);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        counts.forEach((type, count) ->
                                meters.counter("clientbook.events.recorded", "type", type).increment(count));
                    }
                }
            });
            pending = counts;
        }
        var current = pending;
        countsByType.forEach((type, count) -> current.merge(type, count, Integer::sum));
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
                Instant.now(), currentTraceparent()));
        countAfterCommit(java.util.Map.of(type.name(), 1));
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
        String traceparent = currentTraceparent();
        int n = events.size();
        Object[] ids = new Object[n], aggregateTypes = new Object[n], aggregateIds = new Object[n], types = new Object[n];
        Object[] versions = new Object[n], payloads = new Object[n];
        for (int i = 0; i < n; i++) {
            Pending event = events.get(i);
            ids[i] = UUID.randomUUID();
            aggregateTypes[i] = event.type().aggregateType();
            aggregateIds[i] = event.aggregateId();
            types[i] = event.type().name();
            versions[i] = event.type().version();
            try {
                payloads[i] = objectMapper.writeValueAsString(event.payload());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot serialise " + event.type().name(), e);
            }
        }
        entityManager.unwrap(org.hibernate.Session.class).doWork(connection -> {
            // one statement for the whole list; with ordinality keeps the events in the order given (seq follows it)
            try (var insert = connection.prepareStatement("""
                    insert into outbox (id, aggregatetype, aggregateid, type, version, payload, occurred_at, traceparent)
                    select i, a, g, t, v, cast(p as jsonb), ?, ? from unnest(?, ?, ?, ?, ?, ?) with ordinality
                        as x(i, a, g, t, v, p, n) order by n""")) {
                insert.setTimestamp(1, java.sql.Timestamp.from(now));
                insert.setString(2, traceparent);
                insert.setArray(3, connection.createArrayOf("uuid", ids));
                insert.setArray(4, connection.createArrayOf("varchar", aggregateTypes));
                insert.setArray(5, connection.createArrayOf("varchar", aggregateIds));
                insert.setArray(6, connection.createArrayOf("varchar", types));
                insert.setArray(7, connection.createArrayOf("int4", versions));
                insert.setArray(8, connection.createArrayOf("text", payloads));
                insert.executeUpdate();
            }
        });
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        events.forEach(event -> counts.merge(event.type().name(), 1, Integer::sum));
        countAfterCommit(counts);
    }
}
