package io.clientbook.analytics.score.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.UUID;

/** One customer's scores as of a fit's calibration end ({@code GET /analytics/models/fits/{id}/scores}). */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"customerId", "externalIds", "x", "tx", "T", "pAlive", "expectedPurchases", "expectedAverageSpend", "clv",
        "churnRisk", "churnLevel", "reasons"})
public record FitScoreView(UUID customerId, List<ExternalIdView> externalIds, int x, double tx, @JsonProperty("T") double age,
                           double pAlive, double expectedPurchases, Double expectedAverageSpend, Double clv, double churnRisk,
                           String churnLevel, List<String> reasons) {

    public record ExternalIdView(String source, String externalId) {
    }
}
