package io.clientbook.customer.integration;

import io.clientbook.customer.order.dto.OrderInput;
import io.clientbook.customer.order.dto.OrderStatus;
import io.clientbook.customer.order.dto.SalesChannel;

import java.time.Instant;
import java.util.List;

/**
 * A shop's order as Clientbook reads it from a webhook. {@code customer} is the shop's customer account when the
 * order has one; a guest order has none and is matched by {@code guest}'s e-mail instead.
 */
record ShopOrder(String id, Instant updatedAt, ShopCustomer customer, ShopCustomer guest, Instant placedAt, OrderStatus status,
                 String currency, String total, String discountTotal, SalesChannel channel, List<OrderInput.LineItem> lineItems) {
}
