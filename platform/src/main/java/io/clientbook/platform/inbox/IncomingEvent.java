package io.clientbook.platform.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.events.EventType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A CloudEvent (binary mode) read from a Kafka record: its attributes from the {@code ce_} headers, its
 * data from the value. A record without an id or type is malformed and fails loudly, so that the channel's
 * failure strategy parks it on the dead-letter topic.
 */
public record IncomingEvent(UUID id, String type, String source, String subject, Instant time, String data,
                            String traceparent) {

    public static IncomingEvent from(ConsumerRecord<?, String> record) {
        String id = header(record, "ce_id").orElseThrow(() -> new MalformedEventException("no ce_id header"));
        String type = header(record, "ce_type").orElseThrow(() -> new MalformedEventException("no ce_type header"));
        try {
            return new IncomingEvent(UUID.fromString(id), type, header(record, "ce_source").orElse(null),
                    header(record, "ce_subject").orElse(null),
                    header(record, "ce_time").map(Instant::parse).orElse(Instant.ofEpochMilli(record.timestamp())),
                    record.value(), header(record, "traceparent").orElse(null));
        } catch (RuntimeException e) {
            throw new MalformedEventException("bad CloudEvents attributes: " + e.getMessage());
        }
    }

    /**
     * Makes the trace of the request that wrote this event current, so that what applying it records (events
     * in the outbox, log lines) continues that trace. Batch consumers apply many events under one poll; this
     * gives each its own writer's trace. Close the scope after applying the event.
     */
    public io.opentelemetry.context.Scope continueTrace() {
        if (traceparent == null) {
            return io.opentelemetry.context.Scope.noop();
        }
        io.opentelemetry.context.Context writer = io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator.getInstance()
                .extract(io.opentelemetry.context.Context.root(), traceparent, TRACEPARENT);
        return writer.makeCurrent();
    }

    /** Reads a bare traceparent value as the carrier of a W3C trace context. */
    private static final io.opentelemetry.context.propagation.TextMapGetter<String> TRACEPARENT =
            new io.opentelemetry.context.propagation.TextMapGetter<>() {
                @Override
                public Iterable<String> keys(String carrier) {
                    return java.util.List.of("traceparent");
                }

                @Override
                public String get(String carrier, String key) {
                    return "traceparent".equals(key) ? carrier : null;
                }
            };

    /**
     * The payload if this event is of {@code eventType}; empty for any other type. Fields this version does not
     * know are skipped whatever the service's mapper does with API bodies: a producer a release ahead may add
     * fields within a version (docs/events.md), and its consumers must keep reading.
     */
    public <T> Optional<T> as(EventType<T> eventType, ObjectMapper mapper) {
        if (!eventType.cloudEventType().equals(type)) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readerFor(eventType.payloadType())
                    .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(data));
        } catch (IOException e) {
            throw new UncheckedIOException("event " + id + " of type " + type + " has unreadable data", e);
        }
    }

    private static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** A record that is not a Clientbook CloudEvent. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
