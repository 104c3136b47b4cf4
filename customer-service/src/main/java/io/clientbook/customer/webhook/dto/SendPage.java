package io.clientbook.customer.webhook.dto;

import java.util.List;

public record SendPage(List<SendView> items, String nextCursor) {
}
