package io.clientbook.analytics.segment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/**
 * How customers are classified (docs/analytics.md, "Classes"): the RFM segment table, ABC shares, the value-tier
 * policy and the lifecycle-stage thresholds. Tables are read top to bottom; the first rule that matches wins.
 */
@ConfigMapping(prefix = "clientbook.analytics.classes")
public interface ClassConfig {

    /**
     * RFM segments, one rule each: a name, then score ranges such as {@code r=4-5 f=3-5 m=4-5} (a missing
     * letter matches any score). Every combination of R and F must end in some segment: the default table
     * covers the whole R×F grid.
     */
    @WithDefault("champions r=4-5 f=4-5 m=4-5,loyal r=3-5 f=3-5,cannot-lose-them r=1-2 f=4-5 m=4-5,at-risk r=1-2 f=3-5,"
            + "new r=5 f=1,promising r=4 f=1,potential-loyalist r=4-5 f=2,need-attention r=3 f=2,about-to-sleep r=3 f=1,"
            + "hibernating r=2 f=1-2,lost r=1 f=1-2")
    List<String> segments();

    Abc abc();

    Tiers tiers();

    Stages stages();

    interface Abc {
        /** Revenue share (per cent) of the customers in class A, counted from the biggest spender down. */
        @WithDefault("80")
        double aShare();

        /** Revenue share of class B, after A (A + B = 95% by default; the rest is C). */
        @WithDefault("15")
        double bShare();
    }

    interface Tiers {
        /**
         * Value tiers: a name, then the monetary and frequency levels it takes, such as
         * {@code vip monetary=high frequency=high|medium}; a rule with no condition matches everyone.
         */
        @WithDefault("vip monetary=high frequency=high|medium,regular monetary=high|medium,regular frequency=high,potential")
        List<String> rules();

        Levels monetary();

        Levels frequency();
    }

    /**
     * When a customer's spend (or number of purchases) is high, medium or low: by absolute amounts when set,
     * otherwise by the RFM score (M or F).
     */
    interface Levels {
        /** Score (1–5) from which the level is high. */
        @WithDefault("5")
        int highFromScore();

        /** Score from which the level is medium. */
        @WithDefault("3")
        int mediumFromScore();

        /** Amount in the reporting currency (monetary) or number of purchases (frequency) from which it is high. */
        Optional<Double> highFrom();

        /** Amount or number of purchases from which it is medium. */
        Optional<Double> mediumFrom();
    }

    interface Stages {
        /** No purchase for this many days: churned. */
        @WithDefault("365")
        int churnedAfterDays();

        /** A churned customer who buys again is won back for this many days. */
        @WithDefault("90")
        int wonBackDays();

        /** Churn levels that make a buying customer at risk. */
        @WithDefault("high")
        List<String> atRiskLevels();

        /** Purchases from which a customer is loyal (below: repeat, one: new). */
        @WithDefault("4")
        int loyalFromPurchases();
    }
}
