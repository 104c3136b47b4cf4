package io.clientbook.analytics.score.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

@JsonInclude(JsonInclude.Include.ALWAYS)
public record FitScorePage(List<FitScoreView> items, String nextCursor) {
}
