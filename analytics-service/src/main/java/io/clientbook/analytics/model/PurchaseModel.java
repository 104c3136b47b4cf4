package io.clientbook.analytics.model;

import java.util.Map;

/** A model of when customers buy and when they leave (BG/NBD, Pareto/NBD), fitted in one time unit. */
public sealed interface PurchaseModel permits BgNbd, ParetoNbd {

    String name();

    Map<String, Double> parameters();

    /** P(alive | x, t_x, T) at the end of the calibration period. */
    double probabilityAlive(double x, double tx, double age);

    /** Expected purchases in the {@code t} time units after the calibration end. */
    double expectedPurchases(double t, double x, double tx, double age);
}
