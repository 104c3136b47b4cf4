package io.clientbook.benchmarks;

import io.clientbook.analytics.model.BgNbd;
import io.clientbook.analytics.model.Fit;
import io.clientbook.analytics.model.GammaGamma;
import io.clientbook.analytics.model.Population;
import io.clientbook.analytics.model.SpendPopulation;
import io.clientbook.analytics.model.TimeUnit;
import io.clientbook.analytics.projection.CustomerSummary;
import io.clientbook.analytics.score.ScoreCalculator;
import io.clientbook.analytics.score.ScoringConfig;
import io.clientbook.devstack.auth.DevTokens;
import io.clientbook.devstack.launcher.Suite;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hipparchus.random.RandomDataGenerator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The analytics-service benchmark (issue: analytics-service I). In one run: BG/NBD and Gamma-Gamma fitted on a
 * synthetic population drawn from the models with known parameters, scoring that population, and the
 * projection's lag behind order events sent at a steady rate to a running suite. Prints figures; asserts nothing.
 */
public final class AnalyticsBenchmark {

    // the published CDNOW estimates (weeks) as the true parameters of the synthetic population
    private static final BgNbd TRUE_BGNBD = new BgNbd(0.243, 4.414, 0.793, 2.426);
    private static final GammaGamma TRUE_GG = new GammaGamma(6.25, 3.74, 15.44);
    private static final int COHORT_DAYS = 84;
    private static final int CALIBRATION_DAYS_AFTER_COHORT = 273;

    private final Map<String, String> options;

    private AnalyticsBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("customers", "1000000", "rate", "1000", "seconds", "30", "lag", "true"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new AnalyticsBenchmark(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        int customers = Integer.parseInt(options.get("customers"));
        MERGE_SAME_DAY = Boolean.parseBoolean(options.getOrDefault("merge-same-day", "true"));
        System.out.printf(Locale.ROOT, "Drawing %,d customers from BG/NBD r=%.3f alpha=%.3f a=%.3f b=%.3f and Gamma-Gamma p=%.2f q=%.2f gamma=%.2f%n",
                customers, TRUE_BGNBD.r(), TRUE_BGNBD.alpha(), TRUE_BGNBD.a(), TRUE_BGNBD.b(), TRUE_GG.p(), TRUE_GG.q(), TRUE_GG.gamma());
        List<CustomerSummary> population = draw(customers, 42);

        // warm the JIT on a small population first, as a long-running service would be
        BgNbd.fit(summarise(population.subList(0, Math.min(20_000, population.size()))));
        GammaGamma.fit(spend(population.subList(0, Math.min(20_000, population.size()))));

        long t0 = System.nanoTime();
        Population summaries = summarise(population);
        long t1 = System.nanoTime();
        Fit<BgNbd> bgnbd = BgNbd.fit(summaries);
        long t2 = System.nanoTime();
        SpendPopulation repeat = spend(population);
        long t3 = System.nanoTime();
        Fit<GammaGamma> gg = GammaGamma.fit(repeat);
        long t4 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%nBG/NBD fit: %,d customers (%,d distinct summaries) in %.0f ms (+%.0f ms collapsing summaries), %d evaluations, converged %s%n",
                bgnbd.population(), summaries.distinctSummaries(), ms(t2 - t1), ms(t1 - t0), bgnbd.evaluations(), bgnbd.converged());
        System.out.printf(Locale.ROOT, "  recovered r=%.4f alpha=%.4f a=%.4f b=%.4f (true %.3f %.3f %.3f %.3f), log-likelihood %.1f%n",
                bgnbd.model().r(), bgnbd.model().alpha(), bgnbd.model().a(), bgnbd.model().b(),
                TRUE_BGNBD.r(), TRUE_BGNBD.alpha(), TRUE_BGNBD.a(), TRUE_BGNBD.b(), bgnbd.logLikelihood());
        System.out.printf(Locale.ROOT, "Gamma-Gamma fit: %,d repeat customers in %.0f ms (+%.0f ms grouping), %d evaluations, converged %s%n",
                gg.population(), ms(t4 - t3), ms(t3 - t2), gg.evaluations(), gg.converged());
        System.out.printf(Locale.ROOT, "  recovered p=%.4f q=%.4f gamma=%.4f (true %.2f %.2f %.2f)%n",
                gg.model().p(), gg.model().q(), gg.model().gamma(), TRUE_GG.p(), TRUE_GG.q(), TRUE_GG.gamma());

        ScoringConfig config = new SmallRyeConfigBuilder().withMapping(ScoringConfig.class).build().getConfigMapping(ScoringConfig.class);
        ScoreCalculator calculator = new ScoreCalculator(bgnbd.model(), TimeUnit.WEEKS, gg.model(), config);
        score(calculator, population.subList(0, Math.min(50_000, population.size()))); // warm-up
        long s0 = System.nanoTime();
        double checksum = score(calculator, population);
        long s1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "Scoring: %,d customers (P(alive), expected purchases in 39 weeks, expected spend, CLV, churn risk with reasons) in %.0f ms on %d cores (checksum %.1f)%n",
                population.size(), ms(s1 - s0), Runtime.getRuntime().availableProcessors(), checksum);

        if (Boolean.parseBoolean(options.get("lag"))) {
            projectionLag(Integer.parseInt(options.get("rate")), Integer.parseInt(options.get("seconds")));
        }
    }

    private static double score(ScoreCalculator calculator, List<CustomerSummary> population) {
        return IntStream.range(0, population.size()).parallel()
                .mapToDouble(i -> calculator.score(population.get(i), 39).churnRisk()).sum();
    }

    /**
     * Customers of a 12-week cohort observed until 39 weeks after it, as whole UTC days: λ ~ Gamma(r, α) per week,
     * p ~ Beta(a, b); exponential gaps while alive, dropping out after each repeat purchase with probability p; purchases
     * on one day are one. Spends: ν ~ Gamma(q, γ), each purchase ~ Gamma(p, ν).
     */
    private static long purchasesDrawn;
    /** --merge-same-day false counts every drawn purchase (a check that only the day convention moves the estimates). */
    private static boolean MERGE_SAME_DAY = true;

    static List<CustomerSummary> draw(int customers, long seed) {
        RandomDataGenerator random = new RandomDataGenerator(seed);
        List<CustomerSummary> population = new ArrayList<>(customers);
        int calibrationEnd = COHORT_DAYS + CALIBRATION_DAYS_AFTER_COHORT;
        for (int i = 0; i < customers; i++) {
            int first = random.nextInt(0, COHORT_DAYS - 1);
            double lambdaPerDay = random.nextGamma(TRUE_BGNBD.r(), 1 / TRUE_BGNBD.alpha()) / 7;
            double dropout = random.nextBeta(TRUE_BGNBD.a(), TRUE_BGNBD.b());
            double nu = random.nextGamma(TRUE_GG.q(), 1 / TRUE_GG.gamma());
            double time = first;
            int lastDay = first;
            int repeat = 0;
            double repeatSpend = 0;
            while (true) { // alive until a drop-out, which can only follow a repeat purchase
                time += random.nextExponential(1 / lambdaPerDay);
                if (time >= calibrationEnd) { // observed for T = calibrationEnd - first days, as the convention counts
                    break;
                }
                int day = (int) Math.floor(time);
                purchasesDrawn++;
                if (day > lastDay || !MERGE_SAME_DAY) {
                    repeat++;
                    lastDay = day;
                    repeatSpend += random.nextGamma(TRUE_GG.p(), 1 / nu);
                }
                if (random.nextDouble() < dropout) {
                    break;
                }
            }
            population.add(new CustomerSummary(new UUID(0, i), repeat, lastDay - first, calibrationEnd - first,
                    repeat == 0 ? null : repeatSpend / repeat, repeatSpend, List.of()));
        }
        long kept = population.stream().mapToLong(CustomerSummary::repeatPurchases).sum();
        System.out.printf(Locale.ROOT, "  %,d repeat purchases drawn, %,d purchase days after merging same-day purchases (%.1f%% merged)%n",
                purchasesDrawn, kept, 100.0 * (purchasesDrawn - kept) / Math.max(1, purchasesDrawn));
        return population;
    }

    private static Population summarise(List<CustomerSummary> population) {
        Population.Builder builder = Population.builder(TimeUnit.WEEKS);
        population.forEach(s -> builder.add(s.repeatPurchases(), s.recencyDays(), s.ageDays()));
        return builder.build();
    }

    private static SpendPopulation spend(List<CustomerSummary> population) {
        SpendPopulation.Builder builder = SpendPopulation.builder();
        population.forEach(s -> builder.add(s.repeatPurchases(), s.averageRepeatSpend() == null ? 0 : s.averageRepeatSpend()));
        return builder.build();
    }

    /** Order events straight to the broker at a steady rate; the lag is analytics-service's own timer (p50/p95/p99). */
    private void projectionLag(int rate, int seconds) throws Exception {
        Suite suite = BenchmarkSuites.fresh("analytics-bench-home");
        System.out.printf(Locale.ROOT, "%nStarting a suite for the projection lag (%d order events/s for %d s, after 10 s at that rate to warm up) ...%n", rate, seconds);
        suite.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String analyst = new DevTokens(suite.keys()).forRole("analyst");
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafkaBootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
            int customers = Math.max(1000, rate * 5);
            List<UUID> ids = IntStream.range(0, customers).mapToObj(i -> UUID.randomUUID()).toList();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                // a history to fit on, so that every order during the measurement also rescores its customer
                for (int i = 0; i < customers * 3; i++) {
                    send(producer, ids.get(i % customers), LocalDate.of(2025, 1, 1).plusDays(i % 300));
                }
                producer.flush();
                awaitProjection(suite);
                for (String model : List.of("bgnbd", "gammagamma")) {
                    HttpResponse<String> fit = http.send(HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/api/v1/analytics/models/fits"))
                            .header("Authorization", "Bearer " + analyst).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"calibrationEnd\":\"2025-12-31\",\"timeUnit\":\"weeks\"}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    System.out.printf("  %s fit on the warm-up history: HTTP %d%n", model, fit.statusCode());
                }
                Thread.sleep(5_000); // the rescoring of everyone after the fits
                // The other consumers of the topic (timeline, loyalty) would share the two cores here; in a
                // deployment each service has its own. Measured: analytics-service alone with PostgreSQL and Kafka.
                suite.kill(Suite.INTERACTION_SERVICE);
                suite.kill(Suite.CUSTOMER_SERVICE);
                awaitProjection(suite);
                paced(producer, ids, rate, 10); // JIT warm-up at the same rate, not measured
                awaitProjection(suite);
                Map<Double, Double> before = lagBuckets(http, suite);
                long start = System.nanoTime();
                int sent = paced(producer, ids, rate, seconds);
                System.out.printf(Locale.ROOT, "  sent %,d order events in %.1f s%n", sent, (System.nanoTime() - start) / 1e9);
                awaitProjection(suite);
                Map<Double, Double> after = lagBuckets(http, suite);
                System.out.printf("Projection lag at %d order events/s, every event of the run (bucket bounds): %s%n", rate,
                        quantiles(before, after));
            }
        } finally {
            suite.stop();
        }
    }

    /** Order events at a steady rate for a number of seconds (open loop); returns how many were sent. */
    private static int paced(KafkaProducer<String, String> producer, List<UUID> ids, int rate, int seconds) {
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int sent = 0;
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            long wait = start + sent * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send(producer, ids.get(sent % ids.size()), LocalDate.of(2026, 1, 1).plusDays(sent % 300));
            sent++;
        }
        producer.flush();
        return sent;
    }

    /** Cumulative counts of the lag timer's buckets by upper bound in seconds (+Inf as infinity). */
    private static Map<Double, Double> lagBuckets(HttpClient http, Suite suite) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + suite.port(Suite.ANALYTICS_SERVICE) + "/q/metrics"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("analytics_projection_lag_seconds_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*}\\s+([0-9.eE+-]+)").matcher(metrics);
        Map<Double, Double> buckets = new java.util.TreeMap<>();
        while (m.find()) {
            buckets.put(m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
        }
        return buckets;
    }

    /** p50, p95, p99 of the events between two scrapes, as the bucket bound each falls under. */
    private static String quantiles(Map<Double, Double> before, Map<Double, Double> after) {
        double total = after.getOrDefault(Double.POSITIVE_INFINITY, 0.0) - before.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%,.0f events", total));
        for (double q : new double[] {0.5, 0.95, 0.99}) {
            for (Map.Entry<Double, Double> bucket : after.entrySet()) {
                double count = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0);
                if (count >= q * total) {
                    out.append(String.format(Locale.ROOT, ", p%d <= %s", Math.round(q * 100),
                            bucket.getKey().isInfinite() ? "inf" : Math.round(bucket.getKey() * 1000) + " ms"));
                    break;
                }
            }
        }
        return out.toString();
    }

    /** Waits until analytics-service's consumer group has read everything on the customers topic. */
    private static void awaitProjection(Suite suite) throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", suite.kafkaBootstrapServers()))) {
            while (true) {
                var committed = admin.listConsumerGroupOffsets("analytics-service").partitionsToOffsetAndMetadata().get();
                var latest = admin.listOffsets(committed.keySet().stream().collect(java.util.stream.Collectors.toMap(
                        tp -> tp, tp -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
                long lag = 0;
                for (var entry : committed.entrySet()) {
                    lag += latest.get(entry.getKey()).offset() - (entry.getValue() == null ? 0 : entry.getValue().offset());
                }
                if (!committed.isEmpty() && lag == 0) {
                    return;
                }
                Thread.sleep(500);
            }
        }
    }

    private static void send(KafkaProducer<String, String> producer, UUID customer, LocalDate day) {
        UUID order = UUID.randomUUID();
        String json = """
                {"orderId":"%s","customerId":"%s","source":"bench","externalId":"%s","placedAt":"%sT10:00:00Z","status":"paid",\
                "currency":"USD","total":"25.00","discountTotal":"0","channel":"online","lineItems":[]}""".formatted(order, customer, order, day);
        ProducerRecord<String, String> record = new ProducerRecord<>("clientbook.customers", customer.toString(), json);
        Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", "clientbook.order.recorded.v1",
                        "ce_source", "/clientbook/benchmark", "ce_subject", customer.toString(), "ce_time", Instant.now().toString(),
                        "content-type", "application/json")
                .forEach((k, v) -> record.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        producer.send(record);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
