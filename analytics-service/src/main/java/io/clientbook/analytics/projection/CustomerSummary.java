package io.clientbook.analytics.projection;

import java.util.List;
import java.util.UUID;

/**
 * One customer's purchases up to a calibration end, in whole UTC days, as the models take them: purchases on
 * the same UTC day are one purchase; {@code repeatPurchases} counts the purchase days after the first;
 * recency and age run from the first purchase day to the last one and to the calibration end.
 *
 * @param averageRepeatSpend mean day amount of the repeat purchase days in the reporting currency; null without
 *                           a repeat purchase (or when none of them could be converted)
 * @param totalSpend         all purchase days' amounts in the reporting currency
 */
public record CustomerSummary(UUID customerId, int repeatPurchases, int recencyDays, int ageDays, Double averageRepeatSpend,
                              double totalSpend, List<ExternalId> externalIds) {

    /** Days from the last purchase to the calibration end. */
    public int daysSinceLastPurchase() {
        return ageDays - recencyDays;
    }

    public record ExternalId(String source, String externalId) {
    }
}
