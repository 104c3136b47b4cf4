package io.clientbook.analytics.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.events.customer.CustomerCreated;
import io.clientbook.events.customer.CustomerErased;
import io.clientbook.events.customer.CustomerMerged;
import io.clientbook.events.customer.CustomerUnmerged;
import io.clientbook.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Applies customer events to the projection, each exactly once (inbox), in the event's own transaction. */
@ApplicationScoped
public class CustomerEventsListener {

    static final String CONSUMER = "analytics.customer-projection";

    private final Inbox inbox;
    private final CustomerProjectionService projections;
    private final ObjectMapper mapper;

    CustomerEventsListener(Inbox inbox, CustomerProjectionService projections, ObjectMapper mapper) {
        this.inbox = inbox;
        this.projections = projections;
        this.mapper = mapper;
    }

    @Incoming("customer-events")
    @Blocking
    @Transactional
    public void on(ConsumerRecord<String, String> record) {
        inbox.applyOnce(CONSUMER, record, event -> {
            event.as(CustomerCreated.TYPE, mapper).ifPresent(projections::customerCreated);
            event.as(CustomerErased.TYPE, mapper).ifPresent(projections::customerErased);
            event.as(CustomerMerged.TYPE, mapper).ifPresent(projections::customerMerged);
            event.as(CustomerUnmerged.TYPE, mapper).ifPresent(projections::customerUnmerged);
        });
    }
}
