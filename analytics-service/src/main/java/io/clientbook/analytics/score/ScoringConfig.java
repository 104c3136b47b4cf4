package io.clientbook.analytics.score;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How customers are scored: the churn-risk rule, CLV, and when current scores are refreshed. */
@ConfigMapping(prefix = "clientbook.analytics.scores")
public interface ScoringConfig {

    /** The purchase model behind current scores: bgnbd or paretonbd (its latest completed fit). */
    @WithDefault("bgnbd")
    String purchaseModel();

    Churn churn();

    Clv clv();

    /** When all current scores are recomputed as of the new day (recency grows while nobody buys). */
    @WithDefault("0 30 2 * * ?")
    String rescoreCron();

    /** Customers scored per transaction in a full rescoring. */
    @WithDefault("5000")
    int rescoreChunk();

    interface Churn {
        /** The window "churned" looks ahead: no purchase within it. 273 days = the 39 weeks of the CDNOW convention. */
        @WithDefault("273")
        int horizonDays();

        /**
         * Weights of the logistic churn score; the defaults were calibrated on the CDNOW cohort without the
         * 1/10 sample that the quality test scores (docs/analytics.md).
         */
        Weights weights();

        /** Risk from which the level is medium. */
        @WithDefault("0.5")
        double mediumFrom();

        /** Risk from which the level is high. */
        @WithDefault("0.75")
        double highFrom();
    }

    interface Weights {
        @WithDefault("-0.309")
        double intercept();

        /** Per unit of ln(expected purchases in the churn horizon + 0.01). */
        @WithDefault("-0.617")
        double expectedPurchases();

        /** Per unit of ln(1 + days since the last purchase). */
        @WithDefault("0.212")
        double daysSinceLastPurchase();

        /** Per unit of ln(1 + repeat purchases). */
        @WithDefault("-0.767")
        double repeatPurchases();
    }

    interface Clv {
        /** Days of future purchases counted in a current CLV. */
        @WithDefault("365")
        int horizonDays();

        /** CLV (reporting currency) from which the band is medium. */
        @WithDefault("100")
        double mediumFrom();

        /** CLV from which the band is high. */
        @WithDefault("500")
        double highFrom();
    }
}
