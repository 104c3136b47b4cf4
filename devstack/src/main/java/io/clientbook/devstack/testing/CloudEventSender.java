package io.clientbook.devstack.testing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** Sends records to the real broker as another service would, for consumer tests. */
public final class CloudEventSender implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public CloudEventSender(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Sends a CloudEvent in binary mode, as the outbox relay does, and waits for the broker's ack. */
    public void send(String topic, String key, UUID eventId, String cloudEventType, String json) {
        send(topic, key, Map.of(
                "ce_specversion", "1.0",
                "ce_id", eventId.toString(),
                "ce_type", cloudEventType,
                "ce_source", "/clientbook/test",
                "ce_subject", key,
                "ce_time", Instant.now().toString(),
                "content-type", "application/json"), json);
    }

    /** Sends any record, headers as given (for malformed-message tests). */
    public void send(String topic, String key, Map<String, String> headers, String value) {
        var record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, v) -> record.headers().add(new RecordHeader(name, v.getBytes(StandardCharsets.UTF_8))));
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("broker refused the record", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
