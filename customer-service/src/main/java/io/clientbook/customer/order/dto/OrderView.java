package io.clientbook.customer.order.dto;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order in a customer's purchase history. */
public record OrderView(UUID id, String source, String externalId, UUID customerId, Instant placedAt, OrderStatus status,
                        String currency, String total, String discountTotal, SalesChannel channel,
                        List<OrderInput.LineItem> lineItems, long version, Instant createdAt, Instant updatedAt) {
}
