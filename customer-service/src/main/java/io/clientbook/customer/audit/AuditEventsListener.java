package io.clientbook.customer.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.events.audit.AuditRecorded;
import io.clientbook.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Keeps every service's and the gateway's audit events ({@code clientbook.audit}), a poll at a time in one
 * transaction; a record that cannot be kept goes alone to the dead-letter topic.
 */
@ApplicationScoped
public class AuditEventsListener {

    static final String CONSUMER = "customer.audit";

    private final Inbox inbox;
    private final AuditTrail trail;
    private final ObjectMapper mapper;

    AuditEventsListener(Inbox inbox, AuditTrail trail, ObjectMapper mapper) {
        this.inbox = inbox;
        this.trail = trail;
        this.mapper = mapper;
    }

    @Incoming("audit-events")
    @Blocking
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return inbox.applyBatch(CONSUMER, batch, Set.of(AuditRecorded.TYPE),
                () -> event -> event.as(AuditRecorded.TYPE, mapper).ifPresent(audit -> trail.keep(event.id(), audit)));
    }
}
