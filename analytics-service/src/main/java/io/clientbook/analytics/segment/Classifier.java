package io.clientbook.analytics.segment;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Places one customer: RFM scores and segment, ABC class, monetary and frequency levels, value tier and
 * lifecycle stage, from its figures against a {@link Basis}. Pure: the same facts give the same classes.
 */
public final class Classifier {

    /** What a customer's classes are computed from. */
    public record Facts(UUID customerId, int purchases, double spent, Integer daysSinceLastPurchase, String churnLevel,
                        Classes previous) {
    }

    /**
     * A customer's classes. RFM, segment, ABC and levels are null without a purchase; {@code tier} is the pinned
     * tier when {@code tierPinned}, else {@code computedTier}.
     */
    public record Classes(Integer recency, Integer frequency, Integer monetary, String segment, String abc,
                          String monetaryLevel, String frequencyLevel, String computedTier, String tier, boolean tierPinned,
                          String stage, Instant stageSince) {

        /** A customer analytics has only heard of: the tier and stage on its record, nothing computed yet. */
        public static Classes ofRecord(String tier, boolean tierPinned, String stage, Instant since) {
            return new Classes(null, null, null, null, null, null, null, null, tier, tierPinned,
                    stage == null ? "prospect" : stage, since);
        }

        boolean sameAs(Classes other) {
            return other != null && Objects.equals(recency, other.recency) && Objects.equals(frequency, other.frequency)
                    && Objects.equals(monetary, other.monetary) && Objects.equals(segment, other.segment)
                    && Objects.equals(abc, other.abc) && Objects.equals(monetaryLevel, other.monetaryLevel)
                    && Objects.equals(frequencyLevel, other.frequencyLevel) && Objects.equals(computedTier, other.computedTier)
                    && Objects.equals(tier, other.tier) && tierPinned == other.tierPinned && Objects.equals(stage, other.stage)
                    && Objects.equals(stageSince, other.stageSince);
        }
    }

    private final Rules rules;
    private final ClassConfig config;
    private final Set<String> atRiskLevels;

    public Classifier(Rules rules, ClassConfig config) {
        this.rules = rules;
        this.config = config;
        this.atRiskLevels = Set.copyOf(config.stages().atRiskLevels());
    }

    public Classes classify(Facts facts, Basis basis, Instant now) {
        Classes previous = facts.previous() == null ? Classes.ofRecord(null, false, null, now) : facts.previous();
        String stage = stage(facts, previous, now);
        Instant since = stage.equals(previous.stage()) && previous.stageSince() != null ? previous.stageSince() : now;
        if (facts.purchases() == 0 || facts.daysSinceLastPurchase() == null) {
            String tier = previous.tierPinned() ? previous.tier() : null;
            return new Classes(null, null, null, null, null, null, null, null, tier, previous.tierPinned(), stage, since);
        }
        int r = basis.recencyScore(facts.daysSinceLastPurchase());
        int f = basis.frequencyScore(facts.purchases());
        int m = basis.monetaryScore(facts.spent());
        String monetaryLevel = level(config.tiers().monetary(), m, facts.spent());
        String frequencyLevel = level(config.tiers().frequency(), f, facts.purchases());
        String computedTier = rules.tier(monetaryLevel, frequencyLevel).name();
        String tier = previous.tierPinned() ? previous.tier() : computedTier;
        return new Classes(r, f, m, rules.segment(r, f, m).name(), basis.abcClass(facts.spent()), monetaryLevel, frequencyLevel,
                computedTier, tier, previous.tierPinned(), stage, since);
    }

    /** The lifecycle rules, in this order (docs/analytics.md). */
    private String stage(Facts facts, Classes previous, Instant now) {
        if (facts.purchases() == 0 || facts.daysSinceLastPurchase() == null) {
            return "prospect";
        }
        ClassConfig.Stages stages = config.stages();
        if (facts.daysSinceLastPurchase() >= stages.churnedAfterDays()) {
            return "churned";
        }
        if ("churned".equals(previous.stage())) {
            return "won-back";
        }
        if ("won-back".equals(previous.stage()) && previous.stageSince() != null
                && Duration.between(previous.stageSince(), now).toDays() < stages.wonBackDays()) {
            return "won-back";
        }
        if (facts.churnLevel() != null && atRiskLevels.contains(facts.churnLevel())) {
            return "at-risk";
        }
        if (facts.purchases() == 1) {
            return "new";
        }
        return facts.purchases() >= stages.loyalFromPurchases() ? "loyal" : "repeat";
    }

    private static String level(ClassConfig.Levels levels, int score, double value) {
        if (levels.highFrom().isPresent() || levels.mediumFrom().isPresent()) {
            if (levels.highFrom().isPresent() && value >= levels.highFrom().get()) {
                return "high";
            }
            return levels.mediumFrom().isPresent() && value >= levels.mediumFrom().get() ? "medium" : "low";
        }
        if (score >= levels.highFromScore()) {
            return "high";
        }
        return score >= levels.mediumFromScore() ? "medium" : "low";
    }

    public Rules rules() {
        return rules;
    }

    public ClassConfig config() {
        return config;
    }
}
