package io.clientbook.customer.integration.dto;

import java.util.List;

public record ShopConnectionPage(List<ShopConnectionView> items, String nextCursor) {
}
