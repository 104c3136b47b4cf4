package io.clientbook.customer.integration.dto;

import java.util.List;

public record DeliveryPage(List<DeliveryView> items, String nextCursor) {
}
