package io.clientbook.analytics.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The calibration-period summaries of a population, in the time unit of a fit: per customer the repeat
 * purchases {@code x}, the recency {@code t_x} and the age {@code T}. Customers with the same summary are
 * one row with a weight, which is what makes a million customers cheap to fit: the likelihood is evaluated
 * once per distinct summary.
 */
public final class Population {

    final double[] x;
    final double[] tx;
    final double[] age;
    final double[] weight;
    /** Index of each row's {@code x} in {@link #distinctX}: the terms that depend only on x are computed once. */
    final int[] xIndex;
    final double[] distinctX;
    /** Recency and age in whole days, and days per time unit: ln(α + t) is then a table lookup per evaluation. */
    final int[] txDays;
    final int[] ageDays;
    final int maxDays;
    final double unitDays;
    private final long customers;

    private Population(double[] x, double[] tx, double[] age, double[] weight, int[] xIndex, double[] distinctX, int[] txDays,
                       int[] ageDays, double unitDays, long customers) {
        this.x = x;
        this.tx = tx;
        this.age = age;
        this.weight = weight;
        this.xIndex = xIndex;
        this.distinctX = distinctX;
        this.txDays = txDays;
        this.ageDays = ageDays;
        this.maxDays = java.util.Arrays.stream(ageDays).max().orElse(0);
        this.unitDays = unitDays;
        this.customers = customers;
    }

    /** ln(shift + d / unitDays) for every whole number of days d the population holds. */
    double[] logShiftedTimes(double shift) {
        double[] table = new double[maxDays + 1];
        for (int d = 0; d <= maxDays; d++) {
            table[d] = Math.log(shift + d / unitDays);
        }
        return table;
    }

    public static Builder builder(TimeUnit unit) {
        return new Builder(unit);
    }

    /** How many customers (not distinct rows) the population holds. */
    public long customers() {
        return customers;
    }

    public int distinctSummaries() {
        return x.length;
    }

    /** Collects summaries in whole days, as the projections hold them, and converts them to the unit. */
    public static final class Builder {
        private final TimeUnit unit;
        private final Map<Key, long[]> counts = new HashMap<>();
        private long customers;

        private Builder(TimeUnit unit) {
            this.unit = unit;
        }

        /**
         * @param repeatPurchases purchase days after the first ({@code x})
         * @param recencyDays     days from the first to the last purchase day ({@code t_x})
         * @param ageDays         days from the first purchase day to the calibration end ({@code T})
         */
        public Builder add(int repeatPurchases, long recencyDays, long ageDays) {
            if (repeatPurchases < 0 || recencyDays < 0 || ageDays < recencyDays || ageDays > 1_000_000) {
                throw new IllegalArgumentException("needs 0 <= x, 0 <= t_x <= T");
            }
            counts.computeIfAbsent(new Key(repeatPurchases, recencyDays, ageDays), k -> new long[1])[0]++;
            customers++;
            return this;
        }

        public Population build() {
            int n = counts.size();
            double[] x = new double[n];
            double[] tx = new double[n];
            double[] age = new double[n];
            double[] weight = new double[n];
            int[] xIndex = new int[n];
            int[] txDays = new int[n];
            int[] ageDays = new int[n];
            TreeMap<Integer, Integer> xs = new TreeMap<>();
            counts.keySet().forEach(k -> xs.put(k.x, 0));
            int position = 0;
            for (Map.Entry<Integer, Integer> e : xs.entrySet()) {
                e.setValue(position++);
            }
            double[] distinctX = xs.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            int i = 0;
            for (Map.Entry<Key, long[]> e : counts.entrySet()) {
                x[i] = e.getKey().x;
                tx[i] = unit.of(e.getKey().recencyDays);
                age[i] = unit.of(e.getKey().ageDays);
                weight[i] = e.getValue()[0];
                xIndex[i] = xs.get(e.getKey().x);
                txDays[i] = (int) e.getKey().recencyDays;
                ageDays[i] = (int) e.getKey().ageDays;
                i++;
            }
            return new Population(x, tx, age, weight, xIndex, distinctX, txDays, ageDays, unit.days(), customers);
        }

        private record Key(int x, long recencyDays, long ageDays) {
        }
    }

    @Override
    public String toString() {
        return "Population[" + customers + " customers, " + x.length + " distinct summaries, x in " + Arrays.toString(distinctX.length > 0
                ? new double[] {distinctX[0], distinctX[distinctX.length - 1]} : new double[0]) + "]";
    }
}
