package io.clientbook.analytics.segment;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What scores and classes are measured against, from the latest full rescoring: the quintile cut points of
 * days since the last purchase, purchases and spend among buying customers, and the smallest spend in ABC
 * classes A and B. Between full rescorings a customer whose purchases change is placed against these.
 *
 * @param recencyCuts   days since the last purchase at the 20th, 40th, 60th and 80th percentile
 * @param frequencyCuts purchases at those percentiles
 * @param monetaryCuts  spend (reporting currency) at those percentiles
 * @param abcAFloor     the smallest spend of a class-A customer (null: no revenue yet)
 * @param abcBFloor     the smallest spend of a class-B customer
 */
public record Basis(long id, Instant computedAt, LocalDate asOf, long population, int[] recencyCuts, int[] frequencyCuts, double[] monetaryCuts,
                    Double abcAFloor, Double abcBFloor) {

    /** R: 5 for the most recent fifth of customers, 1 for the longest gone. Equal values score alike. */
    public int recencyScore(int daysSinceLastPurchase) {
        int score = 5;
        for (int cut : recencyCuts) {
            if (daysSinceLastPurchase > cut) {
                score--;
            }
        }
        return score;
    }

    /** F: 1 plus the number of cut points the customer's purchases exceed. */
    public int frequencyScore(int purchases) {
        int score = 1;
        for (int cut : frequencyCuts) {
            if (purchases > cut) {
                score++;
            }
        }
        return score;
    }

    public int monetaryScore(double spent) {
        int score = 1;
        for (double cut : monetaryCuts) {
            if (spent > cut) {
                score++;
            }
        }
        return score;
    }

    public String abcClass(double spent) {
        if (abcAFloor == null || spent <= 0) {
            return "c";
        }
        if (spent >= abcAFloor) {
            return "a";
        }
        return abcBFloor != null && spent >= abcBFloor ? "b" : "c";
    }
}
