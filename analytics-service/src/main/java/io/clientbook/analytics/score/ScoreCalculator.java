package io.clientbook.analytics.score;

import io.clientbook.analytics.model.GammaGamma;
import io.clientbook.analytics.model.PurchaseModel;
import io.clientbook.analytics.model.TimeUnit;
import io.clientbook.analytics.projection.CustomerSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores one customer with fitted models: the plain model values (P(alive), expected purchases, expected
 * average spend, CLV) and the churn risk, which combines the model with the customer's own behaviour:
 * <pre>
 *   z = w0 + w1 ln(E[purchases in the churn horizon] + 0.01) + w2 ln(1 + days since last purchase) + w3 ln(1 + x)
 *   churnRisk = 1 / (1 + e^-z)
 * </pre>
 * with the reasons that drive it written in words.
 */
public final class ScoreCalculator {

    private final PurchaseModel purchases;
    private final TimeUnit unit;
    private final GammaGamma spend;
    private final ScoringConfig config;

    public ScoreCalculator(PurchaseModel purchases, TimeUnit unit, GammaGamma spend, ScoringConfig config) {
        this.purchases = purchases;
        this.unit = unit;
        this.spend = spend;
        this.config = config;
    }

    /** Scores with {@code horizon} future time units (of the fit) for expected purchases and CLV. */
    public Score score(CustomerSummary s, double horizon) {
        int x = s.repeatPurchases();
        double tx = unit.of(s.recencyDays());
        double age = unit.of(s.ageDays());
        double pAlive = purchases.probabilityAlive(x, tx, age);
        double expected = purchases.expectedPurchases(horizon, x, tx, age);
        double churnHorizon = unit.of(config.churn().horizonDays());
        double expectedInChurnHorizon = Math.abs(churnHorizon - horizon) < 1e-9 ? expected
                : purchases.expectedPurchases(churnHorizon, x, tx, age);

        Double averageSpend = spend == null ? null : spend.expectedAverageSpend(x, s.averageRepeatSpend() == null ? 0 : s.averageRepeatSpend());
        Double clv = averageSpend == null || !Double.isFinite(averageSpend) ? null : expected * averageSpend;

        ScoringConfig.Weights w = config.churn().weights();
        int daysSince = s.daysSinceLastPurchase();
        double z = w.intercept() + w.expectedPurchases() * Math.log(expectedInChurnHorizon + 0.01)
                + w.daysSinceLastPurchase() * Math.log1p(daysSince) + w.repeatPurchases() * Math.log1p(x);
        double risk = 1 / (1 + Math.exp(-z));
        String level = risk >= config.churn().highFrom() ? "high" : risk >= config.churn().mediumFrom() ? "medium" : "low";
        return new Score(x, tx, age, pAlive, expected, averageSpend, clv, clv == null ? null : band(clv), risk, level,
                reasons(s, pAlive, expectedInChurnHorizon, risk >= config.churn().mediumFrom()));
    }

    String band(double clv) {
        return clv >= config.clv().highFrom() ? "high" : clv >= config.clv().mediumFrom() ? "medium" : "low";
    }

    /** Plain words for what moves the risk, strongest signal first. */
    private List<String> reasons(CustomerSummary s, double pAlive, double expectedInHorizon, boolean atRisk) {
        List<String> reasons = new ArrayList<>();
        int x = s.repeatPurchases();
        int daysSince = s.daysSinceLastPurchase();
        String horizon = config.churn().horizonDays() + " days";
        if (x > 0) {
            double usualGap = (double) s.recencyDays() / x;
            if (daysSince > 1.5 * usualGap && daysSince >= 14) {
                reasons.add("no purchase for %d days where this customer's usual gap is %d".formatted(daysSince, Math.round(usualGap)));
            } else {
                reasons.add("last purchase %d days ago, within this customer's usual gap of %d".formatted(daysSince, Math.round(usualGap)));
            }
            if (pAlive < 0.5) {
                reasons.add("P(alive) %s".formatted(two(pAlive)));
            }
        } else {
            reasons.add(s.ageDays() == 0 ? "first purchase today, no repeat purchase yet"
                    : "no repeat purchase in the %d days since the first".formatted(s.ageDays()));
        }
        if (atRisk) {
            reasons.add("expected purchases in the next %s: %s".formatted(horizon, two(expectedInHorizon)));
        } else {
            reasons.add("%d purchase%s so far; expected in the next %s: %s".formatted(x + 1, x == 0 ? "" : "s", horizon, two(expectedInHorizon)));
        }
        return reasons;
    }

    private static String two(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
