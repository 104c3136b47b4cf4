package io.clientbook.customer.customer.dto;

import java.util.List;

/** A page of a list, in a stable order; {@code nextCursor} is null on the last page. */
public record CustomerPage(List<CustomerView> items, String nextCursor) {
}
