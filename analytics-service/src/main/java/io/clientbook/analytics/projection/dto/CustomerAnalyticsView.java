package io.clientbook.analytics.projection.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** {@code GET /api/v1/analytics/customers/{id}}: what analytics knows of a customer. */
public record CustomerAnalyticsView(UUID customerId, Instant customerSince, int purchaseCount, BigDecimal totalSpent,
                                    Instant firstPurchaseAt, Instant lastPurchaseAt, Instant updatedAt) {
}
