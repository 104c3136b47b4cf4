package io.clientbook.customer.order.dto;

import java.util.List;

/** A page of a customer's orders, newest first. */
public record OrderPage(List<OrderView> items, String nextCursor) {
}
