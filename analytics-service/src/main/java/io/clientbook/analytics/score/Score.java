package io.clientbook.analytics.score;

import java.util.List;

/**
 * One customer's scores. {@code x}, {@code tx}, {@code T} and {@code expectedPurchases} are in the fit's
 * time unit; money in the reporting currency; {@code expectedAverageSpend} and {@code clv} are null without
 * a spend model.
 */
public record Score(int x, double tx, double T, double pAlive, double expectedPurchases, Double expectedAverageSpend,
                    Double clv, String clvBand, double churnRisk, String churnLevel, List<String> reasons) {
}
