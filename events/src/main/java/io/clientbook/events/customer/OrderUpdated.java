package io.clientbook.events.customer;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order already in the purchase history changed (status, total, lines); carries the whole new order. */
public record OrderUpdated(UUID orderId, UUID customerId, String source, String externalId, Instant placedAt,
                           String status, String previousStatus, String currency, String total, String discountTotal,
                           String channel, List<OrderRecorded.OrderLine> lineItems) {

    public static final EventType<OrderUpdated> TYPE =
            EventType.of("customer", "order.updated", 1, OrderUpdated.class);
}
