package io.clientbook.analytics.segment;

import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule tables and the stage rules the book test cannot reach with a model-free book. */
class RulesTest {

    private static final ClassConfig DEFAULTS = new SmallRyeConfigBuilder().withMapping(ClassConfig.class).build()
            .getConfigMapping(ClassConfig.class);
    private static final Basis BASIS = new Basis(1, Instant.parse("2026-01-01T00:00:00Z"), LocalDate.of(2026, 1, 1), 10, new int[] {10, 30, 80, 200},
            new int[] {1, 2, 3, 5}, new double[] {40, 120, 300, 900}, 600.0, 200.0);
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void aTableThatLeavesScoresUnclassifiedStopsTheServiceNamingThem() {
        var e = assertThrows(IllegalArgumentException.class, () -> Rules.of(List.of("champions r=4-5 f=4-5"), List.of("potential")));
        assertTrue(e.getMessage().contains("no segment takes R 1, F 1, M 1"), e.getMessage());
        var bad = assertThrows(IllegalArgumentException.class, () -> Rules.of(List.of("lost r=0-9"), List.of("potential")));
        assertTrue(bad.getMessage().contains("'0-9' is not a score range"), bad.getMessage());
        var tiers = assertThrows(IllegalArgumentException.class, () -> Rules.of(DEFAULTS.segments(), List.of("vip monetary=high")));
        assertTrue(tiers.getMessage().contains("no tier takes monetary"), tiers.getMessage());
    }

    @Test
    void theDefaultTablesCoverEveryScore() {
        Rules rules = Rules.of(DEFAULTS.segments(), DEFAULTS.tiers().rules());
        assertEquals(List.of("champions", "loyal", "cannot-lose-them", "at-risk", "new", "promising", "potential-loyalist",
                "need-attention", "about-to-sleep", "hibernating", "lost"), rules.segmentNames());
        assertEquals("at-risk", rules.segment(2, 3, 5).name());
        assertEquals("cannot-lose-them", rules.segment(2, 4, 4).name());
        assertEquals(List.of("vip", "regular", "potential"), rules.tierNames());
        assertEquals("regular", rules.tier("low", "high").name()); // the second regular rule
    }

    @Test
    void highChurnRiskMakesABuyerAtRiskAndWonBackLastsItsDays() {
        Classifier classifier = new Classifier(Rules.of(DEFAULTS.segments(), DEFAULTS.tiers().rules()), DEFAULTS);
        UUID id = UUID.randomUUID();
        var atRisk = classifier.classify(new Classifier.Facts(id, 5, 700, 60, "high", null), BASIS, NOW);
        assertEquals("at-risk", atRisk.stage());
        var churned = classifier.classify(new Classifier.Facts(id, 5, 700, 365, "high", atRisk), BASIS, NOW);
        assertEquals("churned", churned.stage());
        var wonBack = classifier.classify(new Classifier.Facts(id, 6, 800, 0, "high", churned), BASIS, NOW);
        assertEquals("won-back", wonBack.stage());
        assertEquals(NOW, wonBack.stageSince());
        var stillWonBack = classifier.classify(new Classifier.Facts(id, 6, 800, 89, "low", wonBack), BASIS, NOW.plusSeconds(89 * 86_400L));
        assertEquals("won-back", stillWonBack.stage());
        assertEquals(NOW, stillWonBack.stageSince());
        var loyalAgain = classifier.classify(new Classifier.Facts(id, 6, 800, 90, "low", stillWonBack), BASIS, NOW.plusSeconds(90 * 86_400L));
        assertEquals("loyal", loyalAgain.stage());
    }

    @Test
    void absoluteLevelsReplaceScoresWhenConfigured() {
        ClassConfig config = new SmallRyeConfigBuilder().withMapping(ClassConfig.class)
                .withDefaultValue("clientbook.analytics.classes.tiers.monetary.high-from", "1000")
                .withDefaultValue("clientbook.analytics.classes.tiers.monetary.medium-from", "100").build()
                .getConfigMapping(ClassConfig.class);
        Classifier classifier = new Classifier(Rules.of(config.segments(), config.tiers().rules()), config);
        var big = classifier.classify(new Classifier.Facts(UUID.randomUUID(), 3, 1000, 5, null, null), BASIS, NOW);
        assertEquals("high", big.monetaryLevel());
        assertEquals("medium", big.frequencyLevel()); // F3 by score
        assertEquals("vip", big.tier());
        var small = classifier.classify(new Classifier.Facts(UUID.randomUUID(), 3, 99, 5, null, null), BASIS, NOW);
        assertEquals("low", small.monetaryLevel());
    }
}
