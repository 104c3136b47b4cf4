package io.clientbook.analytics.fit.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/v1/analytics/models/fits/{id}}: a fit and its result. {@code state} is {@code running},
 * {@code completed} or {@code failed}; parameters, log-likelihood and convergence come with completion.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FitView(UUID id, String model, int version, String state, LocalDate calibrationEnd, String timeUnit,
                      Long population, Map<String, Double> parameters, Double logLikelihood, Boolean converged,
                      Integer evaluations, Map<String, Object> inputs, String failure, Instant createdAt, Instant completedAt) {
}
