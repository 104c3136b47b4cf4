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
    private final long customers;

    private Population(double[] x, double[] tx, double[] age, double[] weight, int[] xIndex, double[] distinctX, long customers) {
        this.x = x;
        this.tx = tx;
        this.age = age;
        this.weight = weight;
        this.xIndex = xIndex;
        this.distinctX = distinctX;
        this.customers = customers;
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
            if (repeatPurchases < 0 || recencyDays < 0 || ageDays < recencyDays) {
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
                i++;
            }
            return new Population(x, tx, age, weight, xIndex, distinctX, customers);
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
