package io.clientbook.analytics.model;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Repeat customers for Gamma-Gamma: per customer the number of repeat purchases {@code x} and the average
 * spend of those purchases {@code m} (the first purchase excluded). Grouped by x so the terms that depend
 * only on x and on the sum of ln m are computed once per group.
 */
public final class SpendPopulation {

    final double[] groupX;
    final double[] groupCount;
    final double[] groupSumLogSpend;
    /** Per customer: its x and ln(x) m is all the likelihood needs besides the group sums. */
    final double[] x;
    final double[] totalRepeatSpend; // x · m
    private final long customers;

    private SpendPopulation(double[] groupX, double[] groupCount, double[] groupSumLogSpend, double[] x, double[] totalRepeatSpend) {
        this.groupX = groupX;
        this.groupCount = groupCount;
        this.groupSumLogSpend = groupSumLogSpend;
        this.x = x;
        this.totalRepeatSpend = totalRepeatSpend;
        this.customers = x.length;
    }

    public long customers() {
        return customers;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<double[]> rows = new ArrayList<>();

        /** A customer with at least one repeat purchase and a positive average repeat spend; others are skipped. */
        public Builder add(int repeatPurchases, double averageRepeatSpend) {
            if (repeatPurchases > 0 && averageRepeatSpend > 0 && Double.isFinite(averageRepeatSpend)) {
                rows.add(new double[] {repeatPurchases, averageRepeatSpend});
            }
            return this;
        }

        public SpendPopulation build() {
            TreeMap<Double, double[]> groups = new TreeMap<>();
            double[] x = new double[rows.size()];
            double[] total = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                double[] row = rows.get(i);
                x[i] = row[0];
                total[i] = row[0] * row[1];
                double[] g = groups.computeIfAbsent(row[0], k -> new double[2]);
                g[0]++;
                g[1] += Math.log(row[1]);
            }
            double[] gx = groups.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] count = groups.values().stream().mapToDouble(g -> g[0]).toArray();
            double[] sumLog = groups.values().stream().mapToDouble(g -> g[1]).toArray();
            return new SpendPopulation(gx, count, sumLog, x, total);
        }
    }
}
