package io.clientbook.interaction.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.events.EventType;
import io.clientbook.events.customer.CustomerCreated;
import io.clientbook.events.customer.CustomerErased;
import io.clientbook.events.customer.CustomerMerged;
import io.clientbook.events.customer.CustomerUnmerged;
import io.clientbook.events.customer.CustomerUpdated;
import io.clientbook.events.customer.OrderRecorded;
import io.clientbook.events.customer.OrderUpdated;
import io.clientbook.interaction.plan.CustomerOrders;
import io.clientbook.interaction.rule.OrderCare;
import io.clientbook.interaction.rule.RuleEngine;
import io.clientbook.interaction.rule.TriggerType;
import io.clientbook.platform.inbox.Inbox;
import io.clientbook.platform.inbox.IncomingEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Customer events, each applied exactly once: key events on the timeline, the care profile kept current,
 * and the follow-up rules they trigger (orders, new customers, tier and lifecycle changes). A poll's events
 * are applied in one transaction, in order; runs of purchases go through the rules set-based
 * ({@link OrderCare}), and runs of new customers are written set-based too (a bulk load creates thousands). A
 * record that cannot be applied goes alone to the dead-letter topic.
 */
@ApplicationScoped
public class CustomerEventsListener {

    /** The events this consumer acts on; the others are acknowledged without a transaction. */
    private static final Set<EventType<?>> WANTED = Set.of(CustomerCreated.TYPE, CustomerUpdated.TYPE, CustomerMerged.TYPE,
            CustomerUnmerged.TYPE, CustomerErased.TYPE, OrderRecorded.TYPE, OrderUpdated.TYPE);
    /** Orders that are no purchase trigger no care. */
    private static final Set<String> NOT_PURCHASES = Set.of("cancelled", "refunded");

    static final String CONSUMER = "interaction.timeline";

    private final Inbox inbox;
    private final TimelineService timeline;
    private final RuleEngine rules;
    private final OrderCare orderCare;
    private final CustomerOrders orders;
    private final ObjectMapper mapper;

    CustomerEventsListener(Inbox inbox, TimelineService timeline, RuleEngine rules, OrderCare orderCare, CustomerOrders orders, ObjectMapper mapper) {
        this.inbox = inbox;
        this.timeline = timeline;
        this.rules = rules;
        this.orderCare = orderCare;
        this.orders = orders;
        this.mapper = mapper;
    }

    @Incoming("customer-events")
    @Blocking
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return inbox.applyBatch(CONSUMER, batch, WANTED, Applied::new);
    }

    /** One transaction's events in order; a run of purchases is handed to the rules together before any other event. */
    private final class Applied implements Inbox.BatchEffect {
        private final List<OrderCare.Purchase> purchases = new ArrayList<>();
        private final List<CustomerOrders.OrderRow> orderRows = new ArrayList<>();
        private final List<TimelineService.Created> created = new ArrayList<>();

        @Override
        public void apply(IncomingEvent event) {
            var newCustomer = event.as(CustomerCreated.TYPE, mapper);
            if (newCustomer.isPresent()) {
                writePurchases();
                created.add(new TimelineService.Created(event.id(), newCustomer.get()));
                return;
            }
            writeCreated(); // whatever follows may concern these customers: their profiles first
            var order = event.as(OrderRecorded.TYPE, mapper);
            if (order.isPresent()) {
                OrderRecorded o = order.get();
                orderRows.add(row(o.orderId(), o.customerId(), o.placedAt(), o.status(), o.currency(), o.total()));
                if (o.status() == null || !NOT_PURCHASES.contains(o.status().toLowerCase(Locale.ROOT))) {
                    purchases.add(new OrderCare.Purchase(event.id(), o.customerId(), o.placedAt()));
                }
                return;
            }
            var orderUpdate = event.as(OrderUpdated.TYPE, mapper);
            if (orderUpdate.isPresent()) {
                OrderUpdated o = orderUpdate.get();
                orderRows.add(row(o.orderId(), o.customerId(), o.placedAt(), o.status(), o.currency(), o.total()));
                return;
            }
            writePurchases();
            event.as(CustomerMerged.TYPE, mapper).ifPresent(merged -> timeline.customerMerged(event.id(), merged));
            event.as(CustomerUnmerged.TYPE, mapper).ifPresent(unmerged -> timeline.customerUnmerged(event.id(), unmerged));
            event.as(CustomerErased.TYPE, mapper).ifPresent(timeline::customerErased);
            event.as(CustomerUpdated.TYPE, mapper).ifPresent(updated -> {
                timeline.customerUpdated(event.id(), updated);
                for (CustomerUpdated.Change change : updated.changes()) {
                    if (change.newValue() != null && "tier".equals(change.field())) {
                        rules.onEvent(event.id(), updated.customerId(), TriggerType.TIER_CHANGED, change.newValue().toString(), updated.updatedAt());
                    } else if (change.newValue() != null && "lifecycleStage".equals(change.field())) {
                        rules.onEvent(event.id(), updated.customerId(), TriggerType.LIFECYCLE_CHANGED, change.newValue().toString(),
                                updated.updatedAt());
                    }
                }
            });
        }

        private CustomerOrders.OrderRow row(java.util.UUID id, java.util.UUID customer, java.time.Instant placedAt, String status, String currency,
                                            String total) {
            return new CustomerOrders.OrderRow(id, customer, placedAt, status == null ? "placed" : status.toLowerCase(Locale.ROOT),
                    currency, new java.math.BigDecimal(total));
        }

        private void writePurchases() {
            if (!orderRows.isEmpty()) {
                orders.upsert(List.copyOf(orderRows));
                orderRows.clear();
            }
            if (!purchases.isEmpty()) {
                orderCare.purchases(List.copyOf(purchases));
                purchases.clear();
            }
        }

        /** A run of new customers: profiles and timeline entries set-based, then the rules they trigger, in order. */
        private void writeCreated() {
            if (created.isEmpty()) {
                return;
            }
            timeline.customersCreated(List.copyOf(created));
            for (TimelineService.Created c : created) {
                rules.onEvent(c.eventId(), c.event().customerId(), TriggerType.EVENT, CustomerCreated.TYPE.name(), c.event().createdAt());
            }
            created.clear();
        }

        @Override
        public void beforeCommit() {
            writeCreated();
            writePurchases();
        }
    }
}
