package io.clientbook.interaction.plan.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A plan with its progress, computed from the year's real orders, interactions and survey answers. */
public record PlanView(UUID customerId, int year, String ownerId, PlanInput.Goals goals, List<PlanInput.Touch> touches, String notes,
                       Progress progress, long version, Instant createdAt, Instant updatedAt) {

    public record Progress(RevenueProgress revenue, CountProgress visits, SatisfactionProgress satisfaction, List<TouchProgress> touches) {
    }

    /** Paid, fulfilled or placed orders of the year in the goal's currency; {@code otherCurrencies} totals the rest. */
    public record RevenueProgress(BigDecimal amount, String currency, Double share, long orders, List<Amount> otherCurrencies) {
    }

    public record Amount(BigDecimal amount, String currency) {
    }

    public record CountProgress(long done, Integer goal, Double share) {
    }

    public record SatisfactionProgress(String kind, long responses, Double average, Integer latest, Double minAverage, Boolean met) {
    }

    public record TouchProgress(int quarter, String channel, int planned, long done) {
    }
}
