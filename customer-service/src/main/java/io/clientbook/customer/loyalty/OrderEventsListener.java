package io.clientbook.customer.loyalty;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.events.customer.OrderRecorded;
import io.clientbook.events.customer.OrderUpdated;
import io.clientbook.events.EventType;
import io.clientbook.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;
import java.util.concurrent.CompletionStage;

import java.math.BigDecimal;

/**
 * Earns and takes back points from order events, after the order's own transaction: a bulk import of
 * orders is not slowed by the ledger, and the ledger catches up within moments. Each event once (inbox), a
 * poll's events in one transaction; a customer's order events arrive in order (one partition per customer).
 */
@ApplicationScoped
public class OrderEventsListener {

    /** The events this consumer acts on; the others are acknowledged without a transaction. */
    private static final Set<EventType<?>> WANTED = Set.of(OrderRecorded.TYPE, OrderUpdated.TYPE);

    static final String CONSUMER = "customer.loyalty";

    private final Inbox inbox;
    private final LoyaltyService loyalty;
    private final ObjectMapper mapper;

    OrderEventsListener(Inbox inbox, LoyaltyService loyalty, ObjectMapper mapper) {
        this.inbox = inbox;
        this.loyalty = loyalty;
        this.mapper = mapper;
    }

    @Incoming("loyalty-orders")
    @Blocking
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        // a poll at a time: the topic carries every customer event, and one transaction per order event (with the
        // connector's per-record work for the rest) left the ledger 200,000 events behind a bulk load of orders
        return inbox.applyBatch(CONSUMER, batch, WANTED, () -> event -> {
            event.as(OrderRecorded.TYPE, mapper).ifPresent(order ->
                    loyalty.orderWritten(order.orderId(), order.customerId(), order.status(), new BigDecimal(order.total())));
            event.as(OrderUpdated.TYPE, mapper).ifPresent(order ->
                    loyalty.orderWritten(order.orderId(), order.customerId(), order.status(), new BigDecimal(order.total())));
        });
    }
}
