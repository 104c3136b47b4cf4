package io.clientbook.customer.webhook.dto;

import java.util.List;

public record SubscriptionPage(List<SubscriptionView> items, String nextCursor) {
}
