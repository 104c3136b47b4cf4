package io.clientbook.analytics.projection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Every buying customer's purchase summary as of one day, read in one pass and held in plain arrays (about
 * 50 bytes a customer): what a rescoring job fits the models on and then scores, without summarising the
 * purchase history twice. Same conventions as {@link CustomerSummary}; in customer-id order.
 */
public final class Book {

    private int size;
    private long[] idHigh = new long[1024];
    private long[] idLow = new long[1024];
    private int[] repeatPurchases = new int[1024];
    private int[] recencyDays = new int[1024];
    private int[] ageDays = new int[1024];
    private double[] averageRepeatSpend = new double[1024]; // NaN: none
    private double[] totalSpend = new double[1024];

    void add(UUID id, int repeat, int recency, int age, Double averageRepeat, double total) {
        if (size == idHigh.length) {
            int capacity = size * 2;
            idHigh = Arrays.copyOf(idHigh, capacity);
            idLow = Arrays.copyOf(idLow, capacity);
            repeatPurchases = Arrays.copyOf(repeatPurchases, capacity);
            recencyDays = Arrays.copyOf(recencyDays, capacity);
            ageDays = Arrays.copyOf(ageDays, capacity);
            averageRepeatSpend = Arrays.copyOf(averageRepeatSpend, capacity);
            totalSpend = Arrays.copyOf(totalSpend, capacity);
        }
        idHigh[size] = id.getMostSignificantBits();
        idLow[size] = id.getLeastSignificantBits();
        repeatPurchases[size] = repeat;
        recencyDays[size] = recency;
        ageDays[size] = age;
        averageRepeatSpend[size] = averageRepeat == null ? Double.NaN : averageRepeat;
        totalSpend[size] = total;
        size++;
    }

    public int size() {
        return size;
    }

    public CustomerSummary get(int i) {
        return new CustomerSummary(new UUID(idHigh[i], idLow[i]), repeatPurchases[i], recencyDays[i], ageDays[i],
                Double.isNaN(averageRepeatSpend[i]) ? null : averageRepeatSpend[i], totalSpend[i], List.of());
    }

    /** Customers {@code from} (inclusive) to {@code to} (exclusive) as summaries (without external ids). */
    public List<CustomerSummary> slice(int from, int to) {
        List<CustomerSummary> slice = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            slice.add(get(i));
        }
        return slice;
    }
}
