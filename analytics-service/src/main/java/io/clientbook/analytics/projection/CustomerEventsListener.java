package io.clientbook.analytics.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.analytics.segment.ClassificationService;
import io.clientbook.events.EventType;
import io.clientbook.events.customer.CustomerCreated;
import io.clientbook.events.customer.CustomerErased;
import io.clientbook.events.customer.CustomerMerged;
import io.clientbook.events.customer.CustomerUnmerged;
import io.clientbook.events.customer.CustomerUpdated;
import io.clientbook.events.customer.OrderRecorded;
import io.clientbook.events.customer.OrderUpdated;
import io.clientbook.platform.inbox.Inbox;
import io.clientbook.platform.inbox.IncomingEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Applies customer and order events to the projection, each exactly once (inbox). A poll's records are
 * applied in one transaction, and the customers whose purchases changed in it are rescored once, in that
 * same transaction (scores, then classes); a record that cannot be applied goes alone to the dead-letter topic.
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
    private final ClassificationService classes;

    CustomerEventsListener(Inbox inbox, CustomerProjectionService projections, ObjectMapper mapper,
                           Event<PurchaseHistoryChanged> historyChanged, ProjectionLag lag, ClassificationService classes) {
        this.classes = classes;
        this.inbox = inbox;
        this.projections = projections;
        this.mapper = mapper;
        this.historyChanged = historyChanged;
        this.lag = lag;
    }

    @Incoming("customer-events")
    @Blocking
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        CompletionStage<Void> acknowledged = inbox.applyBatch(CONSUMER, batch, WANTED, Applied::new);
        Inbox.consumerRecords(batch).forEach(record -> lag.record(record.timestamp()));
        return acknowledged;
    }

    /**
     * One transaction's events, applied in order: runs of order events are written together (set-based), any
     * other event first writes the orders before it; then one rescoring of every customer the batch touched.
     */
    private final class Applied implements Inbox.BatchEffect {
        private final Set<UUID> changed = new HashSet<>();
        private final Set<UUID> erased = new HashSet<>();
        private final List<CustomerProjectionService.OrderFacts> orders = new ArrayList<>();

        @Override
        public void apply(IncomingEvent event) {
            var recorded = event.as(OrderRecorded.TYPE, mapper).map(CustomerProjectionService.OrderFacts::of);
            var updated = event.as(OrderUpdated.TYPE, mapper).map(CustomerProjectionService.OrderFacts::of);
            if (recorded.isPresent() || updated.isPresent()) {
                orders.add(recorded.orElseGet(updated::orElseThrow));
                return;
            }
            writeOrders();
            event.as(CustomerCreated.TYPE, mapper).ifPresent(created -> {
                projections.customerCreated(created);
                classes.customerCreated(created);
            });
            event.as(CustomerUpdated.TYPE, mapper).ifPresent(customerUpdated -> {
                projections.customerUpdated(customerUpdated);
                if (classes.customerUpdated(customerUpdated)) {
                    changed.add(customerUpdated.customerId()); // unpinned: back to the computed tier
                }
            });
            event.as(CustomerErased.TYPE, mapper).ifPresent(erasure -> {
                projections.customerErased(erasure);
                erased.add(erasure.customerId());
                erased.addAll(erasure.mergedIds());
            });
            event.as(CustomerMerged.TYPE, mapper).ifPresent(merge -> {
                changed.addAll(projections.customerMerged(merge));
                erased.addAll(merge.mergedIds()); // a merged customer has no scores of its own any more
            });
            event.as(CustomerUnmerged.TYPE, mapper).ifPresent(unmerge -> {
                changed.addAll(projections.customerUnmerged(unmerge));
                erased.remove(unmerge.restoredId());
            });
        }

        private void writeOrders() {
            if (!orders.isEmpty()) {
                changed.addAll(projections.orders(orders));
                orders.clear();
            }
        }

        @Override
        public void beforeCommit() {
            writeOrders();
            changed.removeAll(erased);
            if (!changed.isEmpty() || !erased.isEmpty()) {
                historyChanged.fire(new PurchaseHistoryChanged(Set.copyOf(changed), Set.copyOf(erased)));
            }
        }
    }
}
