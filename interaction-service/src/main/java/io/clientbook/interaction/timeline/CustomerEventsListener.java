package io.clientbook.interaction.timeline;

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

/** Puts key customer events on the customer's timeline, each exactly once. */
@ApplicationScoped
public class CustomerEventsListener {

    /** The events this consumer acts on; the others are acknowledged without a transaction. */
    private static final Set<EventType<?>> WANTED = Set.of(CustomerCreated.TYPE, CustomerUpdated.TYPE, CustomerMerged.TYPE, CustomerUnmerged.TYPE, CustomerErased.TYPE);

    static final String CONSUMER = "interaction.timeline";

    private final Inbox inbox;
    private final TimelineService timeline;
    private final ObjectMapper mapper;

    CustomerEventsListener(Inbox inbox, TimelineService timeline, ObjectMapper mapper) {
        this.inbox = inbox;
        this.timeline = timeline;
        this.mapper = mapper;
    }

    @Incoming("customer-events")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        inbox.applyOnce(CONSUMER, record, WANTED, event -> {
            event.as(CustomerCreated.TYPE, mapper).ifPresent(created -> timeline.customerCreated(event.id(), created));
            event.as(CustomerMerged.TYPE, mapper).ifPresent(merged -> timeline.customerMerged(event.id(), merged));
            event.as(CustomerUnmerged.TYPE, mapper).ifPresent(unmerged -> timeline.customerUnmerged(event.id(), unmerged));
            event.as(CustomerErased.TYPE, mapper).ifPresent(timeline::customerErased);
            event.as(CustomerUpdated.TYPE, mapper).ifPresent(timeline::customerUpdated);
        });
    }
}
