package io.clientbook.analytics.model;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Maximises a log-likelihood over log-parameters with BOBYQA (Powell's bound-constrained trust-region
 * method), then restarts once from the optimum with a fresh trust region: the fit counts as converged
 * when the restart does not move the estimate (1e-6 in every log-parameter) or its likelihood.
 */
final class MaximumLikelihood {

    private static final double BOUND = 15; // log-parameters in [-15, 15]: parameters between 3e-7 and 3e6
    private static final int MAX_EVALUATIONS = 20_000;

    private MaximumLikelihood() {
    }

    /** The estimate: parameters (not their logs), the log-likelihood, whether it converged, evaluations used. */
    record Estimate(double[] parameters, double logLikelihood, boolean converged, int evaluations) {
    }

    static Estimate maximise(ToDoubleFunction<double[]> logLikelihoodOfLogParameters, double[] start) {
        Best best = new Best(logLikelihoodOfLogParameters);
        double[] first = run(best, start, 1.0);
        double[] second = run(best, first, 0.1);
        boolean converged = first != null && second != null && close(first, second)
                && Math.abs(best.value - logLikelihoodOfLogParameters.applyAsDouble(first)) < 1e-7 * Math.max(1, Math.abs(best.value));
        double[] parameters = Arrays.stream(best.point).map(Math::exp).toArray();
        return new Estimate(parameters, best.value, converged, best.evaluations);
    }

    private static double[] run(Best best, double[] start, double radius) {
        if (start == null) {
            return null;
        }
        int n = start.length;
        double[] lower = new double[n];
        double[] upper = new double[n];
        Arrays.fill(lower, -BOUND);
        Arrays.fill(upper, BOUND);
        double[] clamped = Arrays.stream(start).map(v -> Math.max(-BOUND + 1e-9, Math.min(BOUND - 1e-9, v))).toArray();
        try {
            return new BOBYQAOptimizer(2 * n + 1, radius, 1e-10).optimize(
                    new MaxEval(MAX_EVALUATIONS), new ObjectiveFunction(best::value), GoalType.MAXIMIZE,
                    new InitialGuess(clamped), new SimpleBounds(lower, upper)).getPoint();
        } catch (MathIllegalStateException tooManyEvaluations) {
            return null;
        }
    }

    private static boolean close(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-6) {
                return false;
            }
        }
        return true;
    }

    /** The objective, remembering the best point seen (also when the optimiser gives up). */
    private static final class Best {
        private final ToDoubleFunction<double[]> function;
        private double[] point;
        private double value = Double.NEGATIVE_INFINITY;
        private int evaluations;

        Best(ToDoubleFunction<double[]> function) {
            this.function = function;
        }

        double value(double[] logParameters) {
            evaluations++;
            double v = function.applyAsDouble(logParameters);
            if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
                v = -Double.MAX_VALUE; // outside where the likelihood is defined: worse than anything real
            }
            if (v > value || point == null) {
                value = v;
                point = logParameters.clone();
            }
            return v;
        }
    }
}
