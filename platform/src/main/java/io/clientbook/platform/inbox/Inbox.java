package io.clientbook.platform.inbox;

import io.clientbook.events.EventType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.clientbook.platform.schedule.OnOneInstance;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Makes a consumer idempotent: records the id of each event it applies, in the same transaction as the
 * effect. A redelivered event (after a relay retry, a rebalance, or a crash before the offset commit) is
 * then recognised and skipped.
 */
@ApplicationScoped
public class Inbox {

    /** Longer than any topic's retention, so a redelivered event is always recognised. */
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final int MAX_ATTEMPTS = 5;

    private final EntityManager entityManager;

    Inbox(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Claims the event for this consumer. True the first time; false when the consumer has applied it
     * already, in which case the caller must do nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId, String eventType) {
        return entityManager.createNativeQuery("""
                        insert into inbox (consumer, event_id, event_type) values (:consumer, :eventId, :eventType)
                        on conflict do nothing""")
                .setParameter("consumer", consumer)
                .setParameter("eventId", eventId)
                .setParameter("eventType", eventType)
                .executeUpdate() == 1;
    }

    /** Claims a batch of events for this consumer in one statement; returns the ids seen for the first time. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstDeliveries(String consumer, java.util.Collection<IncomingEvent> events) {
        @SuppressWarnings("unchecked")
        List<UUID> claimed = entityManager.createNativeQuery("""
                        insert into inbox (consumer, event_id, event_type)
                        select :consumer, e.id, e.type from unnest(cast(:ids as uuid[]), cast(:types as varchar[])) as e(id, type)
                        on conflict do nothing
                        returning event_id""")
                .setParameter("consumer", consumer)
                .setParameter("ids", events.stream().map(IncomingEvent::id).toArray(UUID[]::new))
                .setParameter("types", events.stream().map(IncomingEvent::type).toArray(String[]::new))
                .getResultList();
        return new java.util.HashSet<>(claimed);
    }

    /**
     * Reads the record as a CloudEvent and applies {@code effect} unless this consumer has applied the event
     * before, in a transaction of its own with the inbox row, so the two commit together. A transaction the
     * database refuses because a concurrent one won (optimistic lock, deadlock, serialization failure) is
     * tried again, up to five times; only other failures reach the listener's failure strategy (its
     * dead-letter topic). Listeners must not open a transaction of their own around this.
     */
    public void applyOnce(String consumer, ConsumerRecord<?, String> record, Consumer<IncomingEvent> effect) {
        applyOnce(consumer, record, null, effect);
    }

    /**
     * The same for a consumer that acts on a few event types only: other events are acknowledged without
     * touching the database (a topic carries many types; most consumers want two or three).
     */
    public void applyOnce(String consumer, ConsumerRecord<?, String> record, Set<EventType<?>> wanted, Consumer<IncomingEvent> effect) {
        IncomingEvent event = IncomingEvent.from(record);
        if (wanted != null && wanted.stream().noneMatch(type -> type.cloudEventType().equals(event.type()))) {
            return;
        }
        TransientFailures.retry(() -> QuarkusTransaction.requiringNew().call(() -> {
            if (firstDelivery(consumer, event.id(), event.type())) {
                effect.accept(event);
            }
            return null;
        }), MAX_ATTEMPTS, Duration.ofMillis(50));
    }

    /**
     * What a batch consumer does with the events of one transaction: {@link #apply} for each new event, then
     * {@link #beforeCommit} once (for work that is cheaper per batch than per event). A fresh one is made for
     * every transaction attempt. The session is flushed and cleared after each event, so an effect keeps values,
     * never entities, from one event to the next.
     */
    public interface BatchEffect {
        void apply(IncomingEvent event);

        default void beforeCommit() {
        }
    }

    /**
     * Applies a poll's worth of records in one transaction (one commit instead of one per event), each event
     * once per consumer as with {@link #applyOnce}. When the batch fails for another reason than a lost race,
     * the records are applied one by one, each in its own transaction, so that only the record that cannot be
     * applied fails. Returns the failures by index in {@code records} (malformed records included); the caller
     * nacks those (to the dead-letter topic) and acknowledges the rest.
     */
    public Map<Integer, RuntimeException> applyAll(String consumer, List<? extends ConsumerRecord<?, String>> records,
                                                   Set<EventType<?>> wanted, Supplier<BatchEffect> effects) {
        Map<Integer, RuntimeException> failures = new LinkedHashMap<>();
        Map<Integer, IncomingEvent> events = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            try {
                IncomingEvent event = IncomingEvent.from(records.get(i));
                if (wanted == null || wanted.stream().anyMatch(type -> type.cloudEventType().equals(event.type()))) {
                    events.put(i, event);
                }
            } catch (RuntimeException malformed) {
                failures.put(i, malformed);
            }
        }
        if (events.isEmpty()) {
            return failures;
        }
        try {
            TransientFailures.retry(() -> QuarkusTransaction.requiringNew().call(() -> {
                BatchEffect effect = effects.get();
                Set<UUID> first = firstDeliveries(consumer, events.values());
                for (IncomingEvent event : events.values()) {
                    if (first.remove(event.id())) { // remove: an id twice in one batch is applied once
                        try (var trace = event.continueTrace()) {
                            effect.apply(event);
                        }
                        settle();
                    }
                }
                effect.beforeCommit();
                return null;
            }), MAX_ATTEMPTS, Duration.ofMillis(50));
        } catch (RuntimeException batchFailed) {
            events.forEach((index, event) -> {
                try {
                    TransientFailures.retry(() -> QuarkusTransaction.requiringNew().call(() -> {
                        BatchEffect effect = effects.get();
                        if (firstDelivery(consumer, event.id(), event.type())) {
                            try (var trace = event.continueTrace()) {
                                effect.apply(event);
                            }
                        }
                        effect.beforeCommit();
                        return null;
                    }), MAX_ATTEMPTS, Duration.ofMillis(50));
                } catch (RuntimeException failed) {
                    failures.put(index, failed);
                }
            });
        }
        return failures;
    }

    /**
     * Writes what an event changed and forgets its entities: left in the session, every later query's auto-flush in
     * the same poll (up to 500 events) would dirty-check them again, and a poll would cost the square of its size.
     * Effects therefore keep no entities from one event to the next, only values.
     */
    private void settle() {
        entityManager.flush();
        entityManager.clear();
    }

    /**
     * {@link #applyAll} for a batch the Kafka connector delivered: applies it, then acknowledges each record, or
     * nacks the ones that failed (the channel's failure strategy sends them to the dead-letter topic).
     */
    public CompletionStage<Void> applyBatch(String consumer, KafkaRecordBatch<String, String> batch, Set<EventType<?>> wanted,
                                            Supplier<BatchEffect> effects) {
        List<KafkaRecord<String, String>> records = batch.getRecords();
        Map<Integer, RuntimeException> failed = applyAll(consumer, consumerRecords(batch), wanted, effects);
        CompletableFuture<?>[] acknowledgements = new CompletableFuture<?>[records.size()];
        for (int i = 0; i < records.size(); i++) {
            RuntimeException failure = failed.get(i);
            acknowledgements[i] = (failure == null ? records.get(i).ack() : records.get(i).nack(failure)).toCompletableFuture();
        }
        return CompletableFuture.allOf(acknowledgements);
    }

    /** The Kafka records behind a connector batch, in order (headers, key, timestamp). */
    @SuppressWarnings("unchecked")
    public static List<ConsumerRecord<String, String>> consumerRecords(KafkaRecordBatch<String, String> batch) {
        return batch.getRecords().stream().map(record -> (ConsumerRecord<String, String>) record
                .getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("a Kafka record without its metadata")).getRecord()).toList();
    }

    @Scheduled(identity = "inbox-purge", every = "6h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @OnOneInstance
    void forgetOldEntries(ScheduledExecution execution) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("delete from inbox where received_at < :cutoff")
                .setParameter("cutoff", Instant.now().minus(RETENTION))
                .executeUpdate());
    }
}
