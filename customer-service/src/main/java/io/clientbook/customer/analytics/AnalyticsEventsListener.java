package io.clientbook.customer.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.customer.customer.CustomerService;
import io.clientbook.customer.customer.dto.LifecycleStage;
import io.clientbook.events.analytics.CustomerLifecycleStageChanged;
import io.clientbook.events.analytics.CustomerTierChanged;
import io.clientbook.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Writes analytics' conclusions onto the record: tier (unless pinned by hand) and lifecycle stage. Each
 * change is a customer.updated like any other.
 */
@ApplicationScoped
public class AnalyticsEventsListener {

    static final String CONSUMER = "customer.classification";

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
    public void on(ConsumerRecord<String, String> record) {
        inbox.applyOnce(CONSUMER, record, event -> {
            event.as(CustomerTierChanged.TYPE, mapper).ifPresent(t -> customers.classifyTier(t.customerId(), t.tier()));
            event.as(CustomerLifecycleStageChanged.TYPE, mapper).ifPresent(s ->
                    customers.classifyLifecycleStage(s.customerId(), LifecycleStage.parse(s.stage())));
        });
    }
}
