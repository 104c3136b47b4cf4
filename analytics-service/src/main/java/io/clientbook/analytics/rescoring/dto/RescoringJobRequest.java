package io.clientbook.analytics.rescoring.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/analytics/rescoring-jobs}; the body is optional. */
public record RescoringJobRequest(
        @Schema(description = "Refit the purchase model and Gamma-Gamma as of today before rescoring (default true)") Boolean refit) {

    public boolean refitOrDefault() {
        return refit == null || refit;
    }
}
