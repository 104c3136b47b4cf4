package io.clientbook.platform.outbox;

import io.clientbook.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.clientbook.platform.schedule.OnOneInstance;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.event.Observes;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows to Kafka as CloudEvents 1.0 in binary mode, in outbox order, keyed by aggregate id.
 *
 * <p>One relay at a time per database holds a transaction-scoped advisory lock, so several service
 * instances never publish rows concurrently and per-aggregate order holds. Rows are marked published in
 * the same transaction only after the broker acknowledged them ({@code acks=all}, idempotent producer); if
 * the broker is unreachable the transaction rolls back and the rows go out on a later run. A crash between
 * the acknowledgement and the commit republishes a row: consumers de-duplicate on the event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x636c69656e74L; // one relay per database

    private final EntityManager entityManager;
    private final OutboxConfig config;
    private final Map<String, Object> kafkaConfig;
    private final MeterRegistry meters;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile boolean failing;
    private volatile boolean running;
    private Thread loop;

    @Inject
    OutboxRelay(EntityManager entityManager, OutboxConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry meters) {
        this.entityManager = entityManager;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.meters = meters;
    }

    /** Starts the relay loop: its own thread, since the scheduler runs nothing more often than once a second. */
    void start(@Observes StartupEvent startup) {
        if (config.relayEnabled()) {
            running = true;
            loop = Thread.ofPlatform().daemon().name("outbox-relay").start(this::relayUntilStopped);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (loop != null) {
            loop.interrupt();
            loop.join(10_000);
        }
    }

    private void relayUntilStopped() {
        long pause = config.relayInterval().toMillis();
        while (running) {
            boolean published = relayPending();
            try {
                // idle: poll at the relay interval; failing: back off up to 5 s
                Thread.sleep(published ? 0 : failing ? Math.min(5_000, pause * 10) : pause);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Publishes everything pending, batch by batch; true when it published anything. */
    boolean relayPending() {
        try {
            int published;
            int total = 0;
            do {
                published = QuarkusTransaction.requiringNew().timeout((int) config.sendTimeout().toSeconds() + 30)
                        .call(this::publishBatch);
                total += published;
            } while (published == config.batchSize() && running);
            if (failing) {
                LOG.info("Outbox relay publishes again");
                failing = false;
            }
            return total > 0;
        } catch (RuntimeException e) {
            if (!running) {
                return false;
            }
            if (!failing) {
                LOG.warnf("Outbox relay cannot publish yet, will retry: %s", e.getMessage());
                failing = true;
            }
            resetProducerAfter(e);
            return false;
        }
    }

    /** Publishes up to one batch; returns how many rows it published (0 if another relay holds the lock). */
    int publishBatch() {
        Boolean locked = (Boolean) entityManager
                .createNativeQuery("select pg_try_advisory_xact_lock(:key)")
                .setParameter("key", LOCK_KEY)
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select id, aggregatetype, aggregateid, type, version, payload::text,
                               to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), traceparent
                          from outbox where published_at is null order by seq limit :limit""")
                .setParameter("limit", config.batchSize())
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        List<UUID> ids = new ArrayList<>(rows.size());
        KafkaProducer<String, byte[]> kafka = producer();
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            ids.add(id);
            acks.add(kafka.send(toRecord(id, (String) row[1], (String) row[2], (String) row[3],
                    ((Number) row[4]).intValue(), (String) row[5], (String) row[6], (String) row[7])));
        }
        kafka.flush();
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("broker did not acknowledge the batch: " + e, e);
            }
        }
        entityManager.createNativeQuery("update outbox set published_at = now() where id in (:ids)")
                .setParameter("ids", ids)
                .executeUpdate();
        Map<String, Integer> published = new HashMap<>();
        rows.forEach(row -> published.merge((String) row[3], 1, Integer::sum));
        published.forEach((type, count) -> meters.counter("clientbook.events.published", "type", type).increment(count));
        return rows.size();
    }

    private ProducerRecord<String, byte[]> toRecord(UUID id, String aggregateType, String aggregateId, String type,
            int version, String payload, String occurredAt, String traceparent) {
        var record = new ProducerRecord<String, byte[]>(Topics.forAggregate(aggregateType), aggregateId,
                payload.getBytes(StandardCharsets.UTF_8));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", id.toString());
        header(record, "ce_source", config.source());
        header(record, "ce_type", "clientbook." + type + ".v" + version);
        header(record, "ce_subject", aggregateId);
        header(record, "ce_time", occurredAt);
        header(record, "content-type", "application/json");
        if (traceparent != null) {
            header(record, "traceparent", traceparent); // W3C trace context: consumers continue the writer's trace
        }
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Deletes published rows older than the retention. */
    @Scheduled(identity = "outbox-purge", every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @OnOneInstance
    void deletePublished(ScheduledExecution execution) {
        int deleted = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("delete from outbox where published_at < :cutoff")
                .setParameter("cutoff", Instant.now().minus(config.retention()))
                .executeUpdate());
        if (deleted > 0) {
            LOG.debugf("Deleted %d published outbox rows", deleted);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                current = producer;
                if (current == null) {
                    producer = current = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
                }
            }
        }
        return current;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + config.source().replace('/', '-'));
        return props;
    }

    /** A producer whose idempotent session broke (fenced, timed out) is replaced rather than reused. */
    private synchronized void resetProducerAfter(RuntimeException failure) {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(1));
            producer = null;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
