package io.clientbook.customer.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.customer.customer.CustomerService;
import io.clientbook.customer.customer.dto.LifecycleStage;
import io.clientbook.events.EventType;
import io.clientbook.events.analytics.CustomerLifecycleStageChanged;
import io.clientbook.events.analytics.CustomerTierChanged;
import io.clientbook.platform.inbox.Inbox;
import io.clientbook.platform.inbox.IncomingEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Writes analytics' conclusions onto the record: tier (unless pinned by hand) and lifecycle stage. Each
 * change is a customer.updated like any other. A poll's events are applied in one transaction (a rescoring
 * job can publish a class change for every customer of the book at once); a record that cannot be applied
 * goes alone to the dead-letter topic.
 */
@ApplicationScoped
public class AnalyticsEventsListener {

    static final String CONSUMER = "customer.classification";
    private static final Set<EventType<?>> WANTED = Set.of(CustomerTierChanged.TYPE, CustomerLifecycleStageChanged.TYPE);

    private final Inbox inbox;
    private final CustomerService customers;
    private final ObjectMapper mapper;

    AnalyticsEventsListener(Inbox inbox, CustomerService customers, ObjectMapper mapper) {
        this.inbox = inbox;
        this.customers = customers;
        this.mapper = mapper;
    }

    @Incoming("analytics-events")
    @Blocking
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return inbox.applyBatch(CONSUMER, batch, WANTED, () -> this::apply);
    }

    private void apply(IncomingEvent event) {
        event.as(CustomerTierChanged.TYPE, mapper).ifPresent(t -> customers.classifyTier(t.customerId(), t.tier()));
        event.as(CustomerLifecycleStageChanged.TYPE, mapper).ifPresent(s ->
                customers.classifyLifecycleStage(s.customerId(), LifecycleStage.parse(s.stage())));
    }
}
