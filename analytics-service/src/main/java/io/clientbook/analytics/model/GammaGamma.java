package io.clientbook.analytics.model;

import org.hipparchus.special.Gamma;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV: Using Iso-Value Curves for Customer
 * Base Analysis"; Colombo &amp; Jiang 1999): a customer's purchase amounts are Gamma(p, ν) around their mean,
 * and ν ~ Gamma(q, γ) across customers. Fitted on customers with at least one repeat purchase.
 */
public record GammaGamma(double p, double q, double gamma) {

    public static final String NAME = "gammagamma";

    public static Fit<GammaGamma> fit(SpendPopulation population) {
        MaximumLikelihood.Estimate e = MaximumLikelihood.maximise(
                logParams -> new GammaGamma(Math.exp(logParams[0]), Math.exp(logParams[1]), Math.exp(logParams[2]))
                        .logLikelihood(population),
                new double[] {0, 0, 0});
        double[] v = e.parameters();
        return new Fit<>(new GammaGamma(v[0], v[1], v[2]), e.logLikelihood(), e.converged(), e.evaluations(), population.customers());
    }

    /**
     * The sample log-likelihood of the average repeat spends: per customer
     * ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ + m x).
     */
    public double logLikelihood(SpendPopulation pop) {
        double lnGammaQ = Gamma.logGamma(q);
        double qLnGamma = q * Math.log(gamma);
        double perGroup = 0;
        for (int g = 0; g < pop.groupX.length; g++) {
            double x = pop.groupX[g];
            double px = p * x;
            perGroup += pop.groupCount[g] * (Gamma.logGamma(px + q) - Gamma.logGamma(px) - lnGammaQ + qLnGamma + px * Math.log(x))
                    + (px - 1) * pop.groupSumLogSpend[g];
        }
        double perCustomer = WeightedSum.over(pop.x.length, i -> -(p * pop.x[i] + q) * Math.log(gamma + pop.totalRepeatSpend[i]));
        return perGroup + perCustomer;
    }

    /**
     * E[M | x, m]: the customer's expected average spend, a weighted mean of the population mean
     * pγ/(q−1) and their own average; the population mean for a customer without repeat purchases.
     */
    public double expectedAverageSpend(double x, double averageRepeatSpend) {
        if (x <= 0 || !(averageRepeatSpend > 0)) {
            return populationMeanSpend();
        }
        return p * (gamma + x * averageRepeatSpend) / (p * x + q - 1);
    }

    /** pγ/(q−1), infinite when q ≤ 1. */
    public double populationMeanSpend() {
        return q > 1 ? p * gamma / (q - 1) : Double.POSITIVE_INFINITY;
    }

    public Map<String, Double> parameters() {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("p", p);
        v.put("q", q);
        v.put("gamma", gamma);
        return v;
    }

    public static GammaGamma of(Map<String, Double> v) {
        return new GammaGamma(v.get("p"), v.get("q"), v.get("gamma"));
    }
}
