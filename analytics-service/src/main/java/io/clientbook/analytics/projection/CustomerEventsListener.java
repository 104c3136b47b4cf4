package io.clientbook.analytics.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.events.EventType;
import io.clientbook.events.customer.CustomerCreated;
import io.clientbook.events.customer.CustomerErased;
import io.clientbook.events.customer.CustomerMerged;
import io.clientbook.events.customer.CustomerUnmerged;
import io.clientbook.events.customer.CustomerUpdated;
import io.clientbook.events.customer.OrderRecorded;
import io.clientbook.events.customer.OrderUpdated;
import io.clientbook.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Applies customer and order events to the projection, each exactly once (inbox), in the event's own
 * transaction; customers whose purchases changed are rescored in that same transaction.
 */
@ApplicationScoped
public class CustomerEventsListener {

    /** The events this consumer acts on; the others are acknowledged without a transaction. */
    private static final Set<EventType<?>> WANTED = Set.of(CustomerCreated.TYPE, CustomerUpdated.TYPE, CustomerErased.TYPE,
            CustomerMerged.TYPE, CustomerUnmerged.TYPE, OrderRecorded.TYPE, OrderUpdated.TYPE);

    static final String CONSUMER = "analytics.customer-projection";

    private final Inbox inbox;
    private final CustomerProjectionService projections;
    private final ObjectMapper mapper;
    private final Event<PurchaseHistoryChanged> historyChanged;
    private final ProjectionLag lag;

    CustomerEventsListener(Inbox inbox, CustomerProjectionService projections, ObjectMapper mapper,
                           Event<PurchaseHistoryChanged> historyChanged, ProjectionLag lag) {
        this.inbox = inbox;
        this.projections = projections;
        this.mapper = mapper;
        this.historyChanged = historyChanged;
        this.lag = lag;
    }

    @Incoming("customer-events")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        inbox.applyOnce(CONSUMER, record, WANTED, event -> {
            Set<UUID> changed = new HashSet<>();
            Set<UUID> erased = new HashSet<>();
            event.as(CustomerCreated.TYPE, mapper).ifPresent(projections::customerCreated);
            event.as(CustomerUpdated.TYPE, mapper).ifPresent(projections::customerUpdated);
            event.as(CustomerErased.TYPE, mapper).ifPresent(erasure -> {
                projections.customerErased(erasure);
                erased.add(erasure.customerId());
                erased.addAll(erasure.mergedIds());
            });
            event.as(CustomerMerged.TYPE, mapper).ifPresent(merge -> {
                changed.addAll(projections.customerMerged(merge));
                erased.addAll(merge.mergedIds()); // a merged customer has no scores of its own any more
            });
            event.as(CustomerUnmerged.TYPE, mapper).ifPresent(unmerge -> changed.addAll(projections.customerUnmerged(unmerge)));
            event.as(OrderRecorded.TYPE, mapper).ifPresent(order -> changed.addAll(projections.orderRecorded(order)));
            event.as(OrderUpdated.TYPE, mapper).ifPresent(order -> changed.addAll(projections.orderUpdated(order)));
            changed.removeAll(erased);
            if (!changed.isEmpty() || !erased.isEmpty()) {
                historyChanged.fire(new PurchaseHistoryChanged(Set.copyOf(changed), Set.copyOf(erased)));
            }
        });
        lag.record(record.timestamp());
    }

    static List<EventType<?>> wanted() {
        return List.copyOf(WANTED);
    }
}
