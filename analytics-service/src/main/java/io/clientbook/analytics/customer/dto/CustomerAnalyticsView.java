package io.clientbook.analytics.customer.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clientbook.analytics.score.dto.CurrentScoreView;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code GET /api/v1/analytics/customers/{id}}: what analytics knows of a customer (with the customers merged
 * into it), and its current scores ({@code null} before the first fit, or without a purchase).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CustomerAnalyticsView(UUID customerId, Instant customerSince, int purchaseCount, BigDecimal totalSpent,
                                    Instant firstPurchaseAt, Instant lastPurchaseAt, Instant updatedAt, CurrentScoreView scores) {
}
