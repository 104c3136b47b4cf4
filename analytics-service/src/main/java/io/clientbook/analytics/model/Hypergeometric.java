package io.clientbook.analytics.model;

/** Gauss's hypergeometric function 2F1 for the arguments the customer-base models need (0 <= z < 1). */
public final class Hypergeometric {

    private static final int MAX_TERMS = 1_000_000;

    private Hypergeometric() {
    }

    /**
     * 2F1(a, b; c; z) by its power series, summed until a term no longer changes the sum. The models only
     * call it with c > 0 and 0 <= z < 1, where the series converges; near z = 1 it needs more terms.
     */
    public static double f21(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("2F1 is only summed here for 0 <= z < 1, not " + z);
        }
        double term = 1;
        double sum = 1;
        for (int k = 0; k < MAX_TERMS; k++) {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            double next = sum + term;
            if (next == sum || Math.abs(term) < 1e-17 * Math.abs(next)) {
                return next;
            }
            sum = next;
        }
        throw new ArithmeticException("2F1 series did not converge for z = " + z);
    }
}
