package io.clientbook.analytics.model;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Collapsing customers with the same summary into weighted rows must not change the likelihood. */
class PopulationTest {

    private static final BgNbd MODEL = new BgNbd(0.243, 4.414, 0.793, 2.426);

    @Test
    void collapsedRowsGiveTheSameLikelihoodAsEveryCustomerOnItsOwn() {
        Random random = new Random(7);
        Population.Builder all = Population.builder(TimeUnit.WEEKS);
        double oneByOne = 0;
        for (int i = 0; i < 2000; i++) {
            int age = 1 + random.nextInt(60);
            int recency = random.nextInt(age + 1);
            int x = recency == 0 ? 0 : 1 + random.nextInt(Math.min(5, recency));
            all.add(x, recency, age);
            oneByOne += MODEL.logLikelihood(Population.builder(TimeUnit.WEEKS).add(x, recency, age).build());
        }
        Population collapsed = all.build();
        assertEquals(2000, collapsed.customers());
        assertEquals(oneByOne, MODEL.logLikelihood(collapsed), 1e-8 * Math.abs(oneByOne));
        assertTrue(collapsed.distinctSummaries() < 2000, collapsed.toString());
    }

    @Test
    void theSameSummaryTwiceIsOneRowOfWeightTwo() {
        Population p = Population.builder(TimeUnit.DAYS).add(3, 40, 90).add(0, 0, 10).add(3, 40, 90).build();
        assertEquals(3, p.customers());
        assertEquals(2, p.distinctSummaries());
        assertEquals(3.0, p.weight[0] + p.weight[1], 0);
        assertEquals(2.0, Math.max(p.weight[0], p.weight[1]), 0);
        assertEquals(2, p.distinctX.length);
    }

    @Test
    void summariesOutsideTheConventionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Population.builder(TimeUnit.DAYS).add(1, 10, 5));
        assertThrows(IllegalArgumentException.class, () -> Population.builder(TimeUnit.DAYS).add(-1, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> Population.builder(TimeUnit.DAYS).add(1, 0, 2_000_000));
    }
}
