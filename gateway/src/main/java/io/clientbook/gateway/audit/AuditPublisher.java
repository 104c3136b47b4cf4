package io.clientbook.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.events.Topics;
import io.clientbook.events.audit.AuditRecorded;
import io.clientbook.gateway.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the gateway's audit events (a request refused for its credentials) to {@code clientbook.audit} as
 * CloudEvents, like the services' outbox relay does. The gateway has no database, so this is at most once:
 * events wait in a bounded queue on their own thread, never on the event loop; when Kafka is away and the
 * queue is full (a flood of bad tokens), new ones are dropped and counted in
 * {@code clientbook_audit_dropped_total}.
 */
@ApplicationScoped
public class AuditPublisher {

    private static final Logger LOG = Logger.getLogger(AuditPublisher.class);

    private final GatewayConfig config;
    private final ObjectMapper json;
    private final String bootstrapServers;
    private final Counter dropped;
    private final ThreadPoolExecutor sender;
    private volatile KafkaProducer<String, byte[]> producer;

    AuditPublisher(GatewayConfig config, ObjectMapper json, MeterRegistry meters,
                   @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers) {
        this.config = config;
        this.json = json;
        this.bootstrapServers = bootstrapServers;
        this.dropped = meters.counter("clientbook.audit.dropped");
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(config.audit().queue()),
                Thread.ofPlatform().name("audit-publisher").daemon().factory(), (task, executor) -> dropped.increment());
    }

    /** A request at the door without a valid token. */
    public void authenticationFailed(RoutingContext context) {
        if (!config.audit().enabled()) {
            return;
        }
        String forwarded = context.request().getHeader("X-Forwarded-For");
        String sourceIp = forwarded != null && !forwarded.isBlank() ? forwarded.split(",")[0].trim()
                : context.request().remoteAddress() == null ? null : context.request().remoteAddress().hostAddress();
        AuditRecorded event = new AuditRecorded("gateway", AuditRecorded.ANONYMOUS, List.of(), "authentication.failed",
                "denied", null, null, context.request().method().name(), context.request().path(), 401,
                context.request().getHeader("X-Request-Id"), sourceIp, Instant.now());
        sender.execute(() -> send(event));
    }

    private void send(AuditRecorded event) {
        try {
            var record = new ProducerRecord<String, byte[]>(Topics.AUDIT, event.actor(), json.writeValueAsBytes(event));
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", UUID.randomUUID().toString());
            header(record, "ce_source", "/clientbook/gateway");
            header(record, "ce_type", AuditRecorded.TYPE.cloudEventType());
            header(record, "ce_subject", event.actor());
            header(record, "ce_time", event.at().toString());
            header(record, "content-type", "application/json");
            producer().send(record, (metadata, failure) -> {
                if (failure != null) {
                    dropped.increment();
                    LOG.debugf("Audit event not published: %s", failure.getClass().getSimpleName());
                }
            });
        } catch (Exception e) {
            dropped.increment();
            LOG.debugf("Audit event not published: %s", e.getClass().getSimpleName());
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 20,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                    ProducerConfig.CLIENT_ID_CONFIG, "gateway-audit"), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    @PreDestroy
    void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(2));
        }
    }
}
