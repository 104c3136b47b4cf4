package io.clientbook.customer.consent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.customer.customer.CustomerService;
import io.clientbook.customer.customer.dto.Consent;
import io.clientbook.events.interaction.ConsentRevoked;
import io.clientbook.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/**
 * Writes interaction-service's {@code consent.revoked} (an unsubscribe or a hard bounce) onto the record's
 * consents: a customer.updated like any other, with the change in the field history under channel
 * {@code interaction}.
 */
@ApplicationScoped
public class ConsentEventsListener {

    static final String CONSUMER = "customer.consents";

    private final Inbox inbox;
    private final CustomerService customers;
    private final ObjectMapper mapper;

    ConsentEventsListener(Inbox inbox, CustomerService customers, ObjectMapper mapper) {
        this.inbox = inbox;
        this.customers = customers;
        this.mapper = mapper;
    }

    @Incoming("interaction-events")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        inbox.applyOnce(CONSUMER, record, Set.of(ConsentRevoked.TYPE), event ->
                event.as(ConsentRevoked.TYPE, mapper).ifPresent(revoked -> customers.revokeConsent(revoked.customerId(),
                        Consent.Channel.parse(revoked.channel()), Consent.Purpose.parse(revoked.purpose()), revoked.revokedAt())));
    }
}
