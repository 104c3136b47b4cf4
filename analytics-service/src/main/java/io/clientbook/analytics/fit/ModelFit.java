package io.clientbook.analytics.fit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** One fit of a model: what was asked, what it saw (inputs) and what came out, versioned per model. */
@Entity
@Table(name = "model_fit")
class ModelFit {

    @Id
    UUID id;

    @Column(nullable = false)
    String model;

    @Column(nullable = false)
    int version;

    @Column(name = "calibration_end", nullable = false)
    LocalDate calibrationEnd;

    @Column(name = "time_unit", nullable = false)
    String timeUnit;

    /** running, completed or failed */
    @Column(nullable = false)
    String state;

    Long population;

    @JdbcTypeCode(SqlTypes.JSON)
    Map<String, Double> parameters;

    @Column(name = "log_likelihood")
    Double logLikelihood;

    Boolean converged;

    Integer evaluations;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    Map<String, Object> inputs;

    String failure;

    @Column(name = "requested_by")
    String requestedBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "completed_at")
    Instant completedAt;
}
