package io.clientbook.analytics.customer.dto;

import io.clientbook.analytics.segment.dto.CustomerClassesView;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.clientbook.analytics.score.dto.CurrentScoreView;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code GET /api/v1/analytics/customers/{id}}: what analytics knows of a customer (with the customers merged
 * into it), its current scores ({@code null} before the first fit, or without a purchase), and its classes: RFM,
 * segment and ABC class ({@code null} without a purchase), value tier and lifecycle stage, each with its rule.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CustomerAnalyticsView(UUID customerId, Instant customerSince, int purchaseCount, BigDecimal totalSpent,
                                    Instant firstPurchaseAt, Instant lastPurchaseAt, Instant updatedAt, CurrentScoreView scores,
                                    CustomerClassesView.Rfm rfm, CustomerClassesView.Placed segment, CustomerClassesView.Placed abc,
                                    CustomerClassesView.Tier tier, CustomerClassesView.Placed lifecycleStage) {
}
