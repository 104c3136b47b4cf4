package io.clientbook.customer.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.events.privacy.ErasureConfirmed;
import io.clientbook.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Records each service's confirmation that it erased its part of a person's data, each exactly once. */
@ApplicationScoped
public class ErasureConfirmationsListener {

    static final String CONSUMER = "customer.erasure-requests";

    private final Inbox inbox;
    private final PrivacyService privacy;
    private final ObjectMapper mapper;

    ErasureConfirmationsListener(Inbox inbox, PrivacyService privacy, ObjectMapper mapper) {
        this.inbox = inbox;
        this.privacy = privacy;
        this.mapper = mapper;
    }

    @Incoming("erasure-confirmations")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        inbox.applyOnce(CONSUMER, record, event -> event.as(ErasureConfirmed.TYPE, mapper).ifPresent(privacy::confirmed));
    }
}
