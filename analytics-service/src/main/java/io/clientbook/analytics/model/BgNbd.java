package io.clientbook.analytics.model;

import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BG/NBD (Fader, Hardie &amp; Lee 2005, "Counting Your Customers the Easy Way"): while alive a customer buys
 * as a Poisson process with rate λ ~ Gamma(r, α); after each purchase they drop out with probability
 * p ~ Beta(a, b).
 */
public record BgNbd(double r, double alpha, double a, double b) implements PurchaseModel {

    public static final String NAME = "bgnbd";

    /** Maximum-likelihood estimate for a population (in the population's time unit). */
    public static Fit<BgNbd> fit(Population population) {
        MaximumLikelihood.Estimate e = MaximumLikelihood.maximise(
                logParams -> logLikelihood(population, Math.exp(logParams[0]), Math.exp(logParams[1]),
                        Math.exp(logParams[2]), Math.exp(logParams[3])),
                new double[] {0, 0, 0, 0});
        double[] p = e.parameters();
        return new Fit<>(new BgNbd(p[0], p[1], p[2], p[3]), e.logLikelihood(), e.converged(), e.evaluations(), population.customers());
    }

    /** The sample log-likelihood: equation (6) of the paper, summed over the population. */
    public double logLikelihood(Population population) {
        return logLikelihood(population, r, alpha, a, b);
    }

    private static double logLikelihood(Population pop, double r, double alpha, double a, double b) {
        int k = pop.distinctX.length;
        double[] common = new double[k]; // ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
        double[] repeat = new double[k]; // ln a − ln(b+x−1), for x > 0
        double lnGammaR = Gamma.logGamma(r);
        double lnBetaAB = Beta.logBeta(a, b);
        double rLnAlpha = r * Math.log(alpha);
        for (int j = 0; j < k; j++) {
            double x = pop.distinctX[j];
            common[j] = Gamma.logGamma(r + x) - lnGammaR + rLnAlpha + Beta.logBeta(a, b + x) - lnBetaAB;
            repeat[j] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : Double.NEGATIVE_INFINITY;
        }
        double[] lnAlphaPlus = pop.logShiftedTimes(alpha);
        return WeightedSum.over(pop.x.length, i -> {
            double x = pop.x[i];
            int j = pop.xIndex[i];
            double last = -(r + x) * lnAlphaPlus[pop.ageDays[i]];
            double alternative = x > 0 ? repeat[j] - (r + x) * lnAlphaPlus[pop.txDays[i]] : Double.NEGATIVE_INFINITY;
            return pop.weight[i] * (common[j] + WeightedSum.logAddExp(last, alternative));
        });
    }

    /** P(alive | x, t_x, T): equation (A10). A customer without a repeat purchase is alive with probability 1. */
    @Override
    public double probabilityAlive(double x, double tx, double age) {
        if (x == 0) {
            return 1;
        }
        return 1 / (1 + a / (b + x - 1) * Math.exp((r + x) * (Math.log(alpha + age) - Math.log(alpha + tx))));
    }

    /** E[X(T, T+t) | x, t_x, T]: equation (10), purchases expected in the next {@code t} time units. */
    @Override
    public double expectedPurchases(double t, double x, double tx, double age) {
        if (t <= 0) {
            return 0;
        }
        double hyp = Hypergeometric.f21(r + x, b + x, a + b + x - 1, t / (alpha + age + t));
        double numerator = (a + b + x - 1) / (a - 1) * (1 - Math.pow((alpha + age) / (alpha + age + t), r + x) * hyp);
        double denominator = 1 + (x > 0 ? a / (b + x - 1) * Math.pow((alpha + age) / (alpha + tx), r + x) : 0);
        return numerator / denominator;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("r", r);
        p.put("alpha", alpha);
        p.put("a", a);
        p.put("b", b);
        return p;
    }

    public static BgNbd of(Map<String, Double> p) {
        return new BgNbd(p.get("r"), p.get("alpha"), p.get("a"), p.get("b"));
    }
}
