package io.clientbook.analytics.model;

/** A model estimated by maximum likelihood, with how the optimisation went. */
public record Fit<M>(M model, double logLikelihood, boolean converged, int evaluations, long population) {
}
