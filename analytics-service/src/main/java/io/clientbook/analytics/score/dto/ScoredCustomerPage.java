package io.clientbook.analytics.score.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** {@code GET /api/v1/analytics/customers}: current scores as a call list. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ScoredCustomerPage(List<CurrentScoreView> items, String nextCursor) {
}
