package io.clientbook.analytics.score.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A customer's current scores: from the latest fits, as of the moment of scoring ({@code scoredAt}).
 * {@code x}, {@code tx}, {@code T} and {@code expectedPurchases} are in {@code timeUnit};
 * {@code expectedPurchases} and {@code clv} cover the next {@code horizonDays}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CurrentScoreView(UUID customerId, Instant scoredAt, String timeUnit, int x, double tx, @JsonProperty("T") double age,
                               int daysSinceLastPurchase, double pAlive, int horizonDays, double expectedPurchases,
                               Double expectedAverageSpend, Double clv, String clvBand, String currency, double churnRisk,
                               String churnLevel, List<String> reasons, Models models) {

    /** The fits behind the scores. */
    public record Models(ModelRef purchase, ModelRef spend) {
    }

    public record ModelRef(UUID fitId, String model, int version) {
    }
}
