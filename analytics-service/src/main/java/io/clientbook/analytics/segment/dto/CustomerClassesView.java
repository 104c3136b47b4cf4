package io.clientbook.analytics.segment.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A customer's classes, each with the rule that produced it (part of {@code GET /analytics/customers/{id}}). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CustomerClassesView(Rfm rfm, Placed segment, Placed abc, Tier tier, Placed lifecycleStage) {

    @Schema(description = "Quintile scores 1-5 (R 5 = most recent); null without a purchase")
    public record Rfm(int recency, int frequency, int monetary, String rule) {
    }

    public record Placed(String value, String rule) {
    }

    public record Tier(String value, boolean pinned, String computed, String rule) {
    }
}
