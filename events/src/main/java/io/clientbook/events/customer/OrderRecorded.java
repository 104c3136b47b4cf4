package io.clientbook.events.customer;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order entered a customer's purchase history. Keyed by the customer id, so it is ordered with the
 * customer's other events. Money is decimal strings with an ISO 4217 currency; {@code total} is authoritative.
 */
public record OrderRecorded(UUID orderId, UUID customerId, String source, String externalId, Instant placedAt,
                            String status, String currency, String total, String discountTotal, String channel,
                            List<OrderLine> lineItems) {

    public static final EventType<OrderRecorded> TYPE =
            EventType.of("customer", "order.recorded", 1, OrderRecorded.class);

    /** One line of an order. */
    public record OrderLine(String sku, String name, String category, String quantity, String unitPrice) {
    }
}
