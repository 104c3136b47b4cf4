package io.clientbook.analytics.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.events.customer.CustomerCreated;
import io.clientbook.events.customer.CustomerErased;
import io.clientbook.events.customer.CustomerMerged;
import io.clientbook.events.customer.CustomerUnmerged;
import io.clientbook.events.customer.CustomerUpdated;
import io.clientbook.events.EventType;
import io.clientbook.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/** Applies customer events to the projection, each exactly once (inbox), in the event's own transaction. */
@ApplicationScoped
public class CustomerEventsListener {

    /** The events this consumer acts on; the others are acknowledged without a transaction. */
    private static final Set<EventType<?>> WANTED = Set.of(CustomerCreated.TYPE, CustomerUpdated.TYPE, CustomerErased.TYPE, CustomerMerged.TYPE, CustomerUnmerged.TYPE);

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
    public void on(ConsumerRecord<String, String> record) {
        inbox.applyOnce(CONSUMER, record, WANTED, event -> {
            event.as(CustomerCreated.TYPE, mapper).ifPresent(projections::customerCreated);
            event.as(CustomerErased.TYPE, mapper).ifPresent(projections::customerErased);
            event.as(CustomerMerged.TYPE, mapper).ifPresent(projections::customerMerged);
            event.as(CustomerUnmerged.TYPE, mapper).ifPresent(projections::customerUnmerged);
            event.as(CustomerUpdated.TYPE, mapper).ifPresent(projections::customerUpdated);
        });
    }
}
