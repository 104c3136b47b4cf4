package io.clientbook.analytics.model;

import java.util.Arrays;

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

    /**
     * Collects summaries in whole days, as the projections hold them, and converts them to the unit. Each
     * summary is packed into one {@code long} (x, t_x, T, in that order of significance), so collapsing a
     * million customers is one primitive sort and a scan instead of a million map entries.
     */
    public static final class Builder {
        private static final int DAY_BITS = 20;
        private static final long DAY_MASK = (1L << DAY_BITS) - 1;
        private static final int MAX_REPEAT_PURCHASES = (1 << 23) - 1;

        private final TimeUnit unit;
        private long[] keys = new long[1024];
        private int size;

        private Builder(TimeUnit unit) {
            this.unit = unit;
        }

        /**
         * @param repeatPurchases purchase days after the first ({@code x})
         * @param recencyDays     days from the first to the last purchase day ({@code t_x})
         * @param ageDays         days from the first purchase day to the calibration end ({@code T})
         */
        public Builder add(int repeatPurchases, long recencyDays, long ageDays) {
            if (repeatPurchases < 0 || recencyDays < 0 || ageDays < recencyDays || ageDays > DAY_MASK
                    || repeatPurchases > MAX_REPEAT_PURCHASES) {
                throw new IllegalArgumentException("needs 0 <= x, 0 <= t_x <= T <= " + DAY_MASK + " days");
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, keys.length * 2);
            }
            keys[size++] = ((long) repeatPurchases << (2 * DAY_BITS)) | (recencyDays << DAY_BITS) | ageDays;
            return this;
        }

        public Population build() {
            long[] sorted = Arrays.copyOf(keys, size);
            Arrays.sort(sorted);
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    n++;
                }
            }
            double[] x = new double[n];
            double[] tx = new double[n];
            double[] age = new double[n];
            double[] weight = new double[n];
            int[] xIndex = new int[n];
            int[] txDays = new int[n];
            int[] ageDays = new int[n];
            double[] distinctX = new double[n];
            int rows = -1;
            int xs = 0;
            for (int i = 0; i < size; i++) {
                long key = sorted[i];
                if (i > 0 && key == sorted[i - 1]) {
                    weight[rows]++;
                    continue;
                }
                rows++;
                int repeat = (int) (key >>> (2 * DAY_BITS));
                int recency = (int) ((key >>> DAY_BITS) & DAY_MASK);
                int ageInDays = (int) (key & DAY_MASK);
                if (xs == 0 || distinctX[xs - 1] != repeat) {
                    distinctX[xs++] = repeat;
                }
                x[rows] = repeat;
                tx[rows] = unit.of(recency);
                age[rows] = unit.of(ageInDays);
                weight[rows] = 1;
                xIndex[rows] = xs - 1;
                txDays[rows] = recency;
                ageDays[rows] = ageInDays;
            }
            return new Population(x, tx, age, weight, xIndex, Arrays.copyOf(distinctX, xs), txDays, ageDays, unit.days(), size);
        }
    }

    @Override
    public String toString() {
        return "Population[" + customers + " customers, " + x.length + " distinct summaries, x in " + Arrays.toString(distinctX.length > 0
                ? new double[] {distinctX[0], distinctX[distinctX.length - 1]} : new double[0]) + "]";
    }
}
