package io.clientbook.interaction.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.events.EventType;
import io.clientbook.events.customer.CustomerCreated;
import io.clientbook.events.customer.CustomerErased;
import io.clientbook.events.customer.CustomerMerged;
import io.clientbook.events.customer.CustomerUnmerged;
import io.clientbook.events.customer.CustomerUpdated;
import io.clientbook.events.customer.OrderRecorded;
import io.clientbook.interaction.care.CustomerProfiles;
import io.clientbook.interaction.rule.RuleEngine;
import io.clientbook.interaction.rule.TriggerType;
import io.clientbook.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/**
 * Customer events, each applied exactly once: key events on the timeline, the care profile kept current,
 * and the follow-up rules they trigger (orders, new customers, tier and lifecycle changes).
 */
@ApplicationScoped
public class CustomerEventsListener {

    /** The events this consumer acts on; the others are acknowledged without a transaction. */
    private static final Set<EventType<?>> WANTED = Set.of(CustomerCreated.TYPE, CustomerUpdated.TYPE, CustomerMerged.TYPE,
            CustomerUnmerged.TYPE, CustomerErased.TYPE, OrderRecorded.TYPE);
    /** Orders that are no purchase trigger no care. */
    private static final Set<String> NOT_PURCHASES = Set.of("cancelled", "refunded");

    static final String CONSUMER = "interaction.timeline";

    private final Inbox inbox;
    private final TimelineService timeline;
    private final CustomerProfiles profiles;
    private final RuleEngine rules;
    private final ObjectMapper mapper;

    CustomerEventsListener(Inbox inbox, TimelineService timeline, CustomerProfiles profiles, RuleEngine rules, ObjectMapper mapper) {
        this.inbox = inbox;
        this.timeline = timeline;
        this.profiles = profiles;
        this.rules = rules;
        this.mapper = mapper;
    }

    @Incoming("customer-events")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        inbox.applyOnce(CONSUMER, record, WANTED, event -> {
            event.as(CustomerCreated.TYPE, mapper).ifPresent(created -> {
                timeline.customerCreated(event.id(), created);
                rules.onEvent(event.id(), created.customerId(), TriggerType.EVENT, CustomerCreated.TYPE.name(), created.createdAt());
            });
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
            event.as(OrderRecorded.TYPE, mapper).ifPresent(order -> {
                if (order.status() != null && NOT_PURCHASES.contains(order.status().toLowerCase(java.util.Locale.ROOT))) {
                    return;
                }
                if (profiles.purchased(order.customerId(), order.placedAt())) {
                    timeline.keyEvent(event.id(), order.customerId(), "customer.first-purchase", order.placedAt(), "First purchase");
                }
                rules.onEvent(event.id(), order.customerId(), TriggerType.EVENT, OrderRecorded.TYPE.name(), order.placedAt());
            });
        });
    }
}
