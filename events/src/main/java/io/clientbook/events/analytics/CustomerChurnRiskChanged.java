package io.clientbook.events.analytics;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A customer's churn level changed ({@code low}, {@code medium}, {@code high}); published only on a change of
 * level, not of the risk's every decimal.
 *
 * @param churnRisk the risk in [0, 1] behind the new level
 * @param reasons   the reasons in plain words, strongest first
 */
public record CustomerChurnRiskChanged(UUID customerId, String previousLevel, String level, double churnRisk,
                                       List<String> reasons, Instant changedAt) {

    public static final EventType<CustomerChurnRiskChanged> TYPE =
            EventType.of("analytics", "customer.churn-risk.changed", 1, CustomerChurnRiskChanged.class);
}
