package io.clientbook.analytics.rescoring.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** {@code GET /api/v1/analytics/rescoring-jobs/{id}}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RescoringJobView(
        UUID id,
        @Schema(description = "queued, running, completed or failed") String state,
        @Schema(description = "Customers scored and classified so far (a customer with a purchase counts twice: scored, then classified)")
        long processed,
        long total,
        @Schema(description = "Seconds left at the pace so far; null before the first chunk and when finished") Long etaSeconds,
        @Schema(description = "Whether the models were refitted first") boolean refit,
        @Schema(description = "api, nightly or fit") String trigger,
        Instant createdAt, Instant startedAt, Instant completedAt,
        @Schema(description = "Why a failed job failed") String failure) {
}
