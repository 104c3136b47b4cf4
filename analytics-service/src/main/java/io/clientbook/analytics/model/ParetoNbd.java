package io.clientbook.analytics.model;

import org.hipparchus.special.Gamma;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pareto/NBD (Schmittlein, Morrison &amp; Colombo 1987): while alive a customer buys as a Poisson process with
 * rate λ ~ Gamma(r, α) and stays alive for an exponential lifetime with rate μ ~ Gamma(s, β). Likelihood,
 * P(alive) and conditional expectation as derived in Fader &amp; Hardie (2005), "A Note on Deriving the
 * Pareto/NBD Model and Related Expressions".
 */
public record ParetoNbd(double r, double alpha, double s, double beta) implements PurchaseModel {

    public static final String NAME = "paretonbd";

    public static Fit<ParetoNbd> fit(Population population) {
        MaximumLikelihood.Estimate e = MaximumLikelihood.maximise(
                logParams -> new ParetoNbd(Math.exp(logParams[0]), Math.exp(logParams[1]), Math.exp(logParams[2]),
                        Math.exp(logParams[3])).logLikelihood(population),
                new double[] {0, 0, 0, 0});
        double[] p = e.parameters();
        return new Fit<>(new ParetoNbd(p[0], p[1], p[2], p[3]), e.logLikelihood(), e.converged(), e.evaluations(), population.customers());
    }

    /** The sample log-likelihood (Fader &amp; Hardie 2005, equation 22). */
    public double logLikelihood(Population pop) {
        int k = pop.distinctX.length;
        double[] common = new double[k]; // ln Γ(r+x) − ln Γ(r) + r ln α + s ln β
        double lnGammaR = Gamma.logGamma(r);
        double constant = r * Math.log(alpha) + s * Math.log(beta);
        for (int j = 0; j < k; j++) {
            common[j] = Gamma.logGamma(r + pop.distinctX[j]) - lnGammaR + constant;
        }
        return WeightedSum.over(pop.x.length, i -> {
            double x = pop.x[i];
            double lifetime = -(r + x) * Math.log(alpha + pop.age[i]) - s * Math.log(beta + pop.age[i]);
            double dropout = Math.log(s) - Math.log(r + s + x) + logA0(x, pop.tx[i], pop.age[i]);
            return pop.weight[i] * (common[pop.xIndex[i]] + WeightedSum.logAddExp(lifetime, dropout));
        });
    }

    /**
     * ln A₀ of the note: the integral over the dropout time between t_x and T, written with 2F1 on the side
     * where its argument is in [0, 1). Minus infinity when t_x = T.
     */
    private double logA0(double x, double tx, double age) {
        if (tx >= age) {
            return Double.NEGATIVE_INFINITY;
        }
        double rsx = r + s + x;
        double larger = Math.max(alpha, beta);
        double difference = Math.abs(alpha - beta);
        double second = alpha >= beta ? s + 1 : r + x;
        double atRecency = Math.log(Hypergeometric.f21(rsx, second, rsx + 1, difference / (larger + tx))) - rsx * Math.log(larger + tx);
        double atAge = Math.log(Hypergeometric.f21(rsx, second, rsx + 1, difference / (larger + age))) - rsx * Math.log(larger + age);
        return atRecency + Math.log1p(-Math.exp(atAge - atRecency));
    }

    /** P(alive | x, t_x, T) (Fader &amp; Hardie 2005, equation 18). */
    @Override
    public double probabilityAlive(double x, double tx, double age) {
        double logRatio = Math.log(s) - Math.log(r + s + x) + (r + x) * Math.log(alpha + age) + s * Math.log(beta + age)
                + logA0(x, tx, age);
        return 1 / (1 + Math.exp(logRatio));
    }

    /** E[X(T, T+t) | x, t_x, T] (Fader &amp; Hardie 2005, equation 21). */
    @Override
    public double expectedPurchases(double t, double x, double tx, double age) {
        if (t <= 0) {
            return 0;
        }
        double alive = probabilityAlive(x, tx, age);
        double rate = (r + x) / (alpha + age);
        double survival = Math.abs(s - 1) < 1e-9
                ? (beta + age) * Math.log((beta + age + t) / (beta + age))
                : (beta + age) / (s - 1) * (1 - Math.pow((beta + age) / (beta + age + t), s - 1));
        return alive * rate * survival;
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
        p.put("s", s);
        p.put("beta", beta);
        return p;
    }

    public static ParetoNbd of(Map<String, Double> p) {
        return new ParetoNbd(p.get("r"), p.get("alpha"), p.get("s"), p.get("beta"));
    }
}
