package io.clientbook.analytics.model;

import io.clientbook.devstack.testing.CdnowPurchases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The models alone against the published CDNOW estimates (weeks, calibration end 1997-09-30). The same
 * figures through the public API and the real event flow are checked by the suite's end-to-end test.
 */
class ModelsOnCdnowTest {

    private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    private static Population population;
    private static SpendPopulation spend;

    @BeforeAll
    static void summarise() {
        Map<String, TreeMap<LocalDate, BigDecimal>> days = CdnowPurchases.sample(Path.of("..")).stream()
                .filter(p -> !p.day().isAfter(CALIBRATION_END))
                .collect(Collectors.groupingBy(CdnowPurchases.Purchase::customerId,
                        Collectors.groupingBy(CdnowPurchases.Purchase::day, TreeMap::new,
                                Collectors.reducing(BigDecimal.ZERO, CdnowPurchases.Purchase::dollars, BigDecimal::add))));
        Population.Builder builder = Population.builder(TimeUnit.WEEKS);
        SpendPopulation.Builder spendBuilder = SpendPopulation.builder();
        days.values().forEach(d -> {
            LocalDate first = d.firstKey();
            int x = d.size() - 1;
            builder.add(x, ChronoUnit.DAYS.between(first, d.lastKey()), ChronoUnit.DAYS.between(first, CALIBRATION_END));
            List<BigDecimal> repeat = d.values().stream().skip(1).toList();
            spendBuilder.add(x, repeat.stream().mapToDouble(BigDecimal::doubleValue).average().orElse(0));
        });
        population = builder.build();
        spend = spendBuilder.build();
    }

    @Test
    void bgNbdReproducesThePublishedEstimates() {
        Fit<BgNbd> fit = BgNbd.fit(population);
        assertEquals(2357, fit.population());
        assertTrue(fit.converged(), "converged");
        assertEquals(0.243, fit.model().r(), 0.0005);
        assertEquals(4.414, fit.model().alpha(), 0.0005);
        assertEquals(0.793, fit.model().a(), 0.0005);
        assertEquals(2.426, fit.model().b(), 0.0005);
        assertEquals(-9582.4, fit.logLikelihood(), 0.05);
    }

    @Test
    void paretoNbdReproducesThePublishedEstimates() {
        Fit<ParetoNbd> fit = ParetoNbd.fit(population);
        assertTrue(fit.converged(), "converged");
        assertEquals(0.553, fit.model().r(), 0.0005);
        assertEquals(10.578, fit.model().alpha(), 0.0005);
        assertEquals(0.606, fit.model().s(), 0.0005);
        assertEquals(11.669, fit.model().beta(), 0.0005);
    }

    @Test
    void gammaGammaReproducesThePublishedEstimates() {
        Fit<GammaGamma> fit = GammaGamma.fit(spend);
        assertEquals(946, fit.population());
        assertTrue(fit.converged(), "converged");
        assertEquals(6.25, fit.model().p(), 0.005);
        assertEquals(3.74, fit.model().q(), 0.005);
        assertEquals(15.44, fit.model().gamma(), 0.005);
    }

    @Test
    void bgNbdPredictionsMatchTheClosedForms() {
        BgNbd model = new BgNbd(0.243, 4.414, 0.793, 2.426);
        // a customer with no repeat purchase is alive by the model's definition
        assertEquals(1.0, model.probabilityAlive(0, 0, 38.86), 0);
        // the paper's worked example (section 5): x = 2, t_x = 30.43, T = 38.86 -> 1.226 purchases in the next 39 weeks
        assertEquals(1.226, model.expectedPurchases(39, 2, 30.43, 38.86), 0.0005);
        assertTrue(model.probabilityAlive(2, 5, 38.86) < model.probabilityAlive(2, 30, 38.86), "a later last purchase is more alive");
    }

    @Test
    void hypergeometricAgreesWithKnownValues() {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z
        assertEquals(-Math.log(1 - 0.9) / 0.9, Hypergeometric.f21(1, 1, 2, 0.9), 1e-12);
        // 2F1(a, b; b; z) = (1 - z)^-a
        assertEquals(Math.pow(1 - 0.5, -2.5), Hypergeometric.f21(2.5, 3, 3, 0.5), 1e-12);
    }
}
