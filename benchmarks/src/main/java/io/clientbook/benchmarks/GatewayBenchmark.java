package io.clientbook.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.devstack.auth.DevTokens;
import io.clientbook.devstack.infra.PostgresServer;
import io.clientbook.devstack.launcher.Suite;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway and security benchmark: {@code GET /customers/{id}} through the gateway (JWT checked there and
 * again in customer-service) against the same call straight to customer-service, same load, same run, in
 * alternating rounds; the composed overview at 200 req/s; and how fast customer-service seals contacts left in
 * plaintext by a version before sealing (its start-up pass). Prints figures only; never part of the test suite.
 */
public final class GatewayBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Suite suite;
    private String token;

    private GatewayBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("customers", "5000", "concurrency", "16", "seconds", "15",
                "rounds", "2", "legacy", "100000", "phases", "reads,overview,sealing"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new GatewayBenchmark(options).run();
        System.exit(0);
    }

    private int option(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void run() throws Exception {
        suite = BenchmarkSuites.fresh("gateway-bench-home");
        Runtime.getRuntime().addShutdownHook(new Thread(suite::stop));
        suite.start();
        String gateway = suite.gatewayUrl().replace("//localhost:", "//127.0.0.1:");
        String direct = "http://127.0.0.1:" + suite.port(Suite.CUSTOMER_SERVICE);
        token = new DevTokens(suite.keys()).sign("admin", "bench", Duration.ofHours(24));
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "machine: %d cores, %s; suite on the embedded stack; service JVM options +%s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + Runtime.version(),
                System.getenv().getOrDefault("CRM_JAVA_OPTS", "none")));

        List<String> ids = createCustomers(gateway, option("customers"));
        // measured on a quiet system: the other services first take in the customers' events
        report.add(String.format(Locale.ROOT, "%,d customers created; relay and consumers caught up %.1f s later", ids.size(),
                BenchmarkSuites.awaitQuiet(suite)));

        List<String> phases = List.of(options.get("phases").split(","));
        if (phases.contains("reads")) {
            reads(report, gateway, direct, ids);
        }
        if (phases.contains("overview")) {
            overview(report, gateway, ids);
        }
        if (phases.contains("sealing")) {
            sealing(report);
        }

        System.out.println();
        System.out.println("=== gateway and security benchmark ===");
        report.forEach(System.out::println);
        suite.stop();
    }

    /** 1. The same reads, closed loop, alternating between the two doors so drift (JIT, GC, the other processes on the two cores) hits both alike. */
    private void reads(List<String> report, String gateway, String direct, List<String> ids) throws Exception {
        int concurrency = option("concurrency");
        int seconds = option("seconds");
        closedLoop(direct, ids, concurrency, 5); // warm-up, both paths
        closedLoop(gateway, ids, concurrency, 5);
        List<Run> straight = new ArrayList<>();
        List<Run> through = new ArrayList<>();
        for (int round = 0; round < option("rounds"); round++) {
            straight.add(closedLoop(direct, ids, concurrency, seconds));
            through.add(closedLoop(gateway, ids, concurrency, seconds));
        }
        Run d = Run.merge(straight);
        Run g = Run.merge(through);
        report.add(String.format(Locale.ROOT, "GET /customers/{id}, %d concurrent callers, %d x %d s each way, alternating:", concurrency,
                option("rounds"), seconds));
        report.add("  straight to customer-service: " + d);
        report.add("  through the gateway:          " + g);
        report.add(String.format(Locale.ROOT, "  throughput ratio gateway/direct %.2f (goal >= 0.85); added p50 %.2f ms (goal < 1 ms)",
                g.throughput() / d.throughput(), g.p50() - d.p50()));
        // the same at a rate both can serve: the gateway's own cost without queueing
        int rate = (int) Math.min(500, d.throughput() / 4);
        Run dOpen = openLoop(direct, ids, "", rate, seconds);
        Run gOpen = openLoop(gateway, ids, "", rate, seconds);
        report.add(String.format(Locale.ROOT, "GET /customers/{id} at %d req/s (open loop): direct %s; gateway %s; added p50 %.2f ms",
                rate, dOpen, gOpen, gOpen.p50() - dOpen.p50()));

    }

    /** 2. The composed overview at 200 req/s. */
    private void overview(List<String> report, String gateway, List<String> ids) throws Exception {
        for (int i = 0; i < 1000; i++) {
            get(gateway + "/api/v1/customers/" + ids.get(i % ids.size()) + "/overview");
        }
        Run overview = openLoop(gateway, ids, "/overview", 200, 30);
        report.add(String.format(Locale.ROOT, "GET /customers/{id}/overview at 200 req/s for 30 s: %s (goal p99 < 50 ms)", overview));

    }

    /**
     * 3. Sealing contacts left in plaintext by a version before sealing: rows with legacy_* columns, sealed by
     * the start-up pass of a new instance; the same start with nothing to seal is the baseline.
     */
    private void sealing(List<String> report) throws Exception {
        int legacy = option("legacy");
        long baseline = timeToReady(2);
        writeLegacyRows(legacy);
        long withRows = timeToReady(3);
        long left = scalar("select count(*) from customer where legacy_emails is not null or legacy_phones is not null");
        report.add(String.format(Locale.ROOT, "start-up sealing of %,d plaintext customers (e-mail, phone, address, birthday): instance ready in %.1f s "
                        + "(%.1f s with nothing to seal) -> %,.0f customers/s; %d left unsealed",
                legacy, withRows / 1e3, baseline / 1e3, legacy / Math.max(0.001, (withRows - baseline) / 1e3), left));
    }

    // --- data ---------------------------------------------------------------------------------------------

    private List<String> createCustomers(String gateway, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int from = 0; from < count; from += 1000) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 1000); i++) {
                items.add(Map.of("displayName", "Bench Customer " + i,
                        "emails", List.of(Map.of("address", "bench" + i + "@example.com", "primary", true)),
                        "phones", List.of(Map.of("number", String.format(Locale.ROOT, "+1415%07d", i), "primary", true)),
                        "externalIds", List.of(Map.of("source", "bench", "externalId", "B" + i))));
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/customers/batch-upsert"))
                    .timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("items", items)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode row : JSON.readTree(response.body()).get("results")) {
                ids.add(row.path("id").asText());
            }
        }
        return ids;
    }

    private void writeLegacyRows(int count) throws Exception {
        try (Connection c = DriverManager.getConnection(suite.jdbcUrl("customer"), PostgresServer.USER, "")) {
            var copy = ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI();
            for (int from = 0; from < count; from += 50_000) {
                StringBuilder csv = new StringBuilder();
                for (int i = from; i < Math.min(count, from + 50_000); i++) {
                    Instant now = Instant.now();
                    csv.append(UUID.randomUUID()).append(",\"Legacy ").append(i).append("\",")
                            .append("\"[{\"\"address\"\": \"\"legacy").append(i).append("@example.com\"\", \"\"label\"\": null, \"\"primary\"\": true}]\",")
                            .append("\"[{\"\"number\"\": \"\"+1650").append(String.format(Locale.ROOT, "%07d", i))
                            .append("\"\", \"\"label\"\": null, \"\"primary\"\": true, \"\"valid\"\": true}]\",")
                            .append("\"[{\"\"label\"\": null, \"\"line1\"\": \"\"").append(i).append(" Main St\"\", \"\"line2\"\": null, \"\"city\"\": \"\"Springfield\"\", ")
                            .append("\"\"region\"\": null, \"\"postalCode\"\": null, \"\"country\"\": \"\"US\"\"}]\",")
                            .append("1980-01-01,legacy ").append(i).append(',').append(now).append(',').append(now).append(",0\n");
                }
                copy.copyIn("copy customer (id, display_name, legacy_emails, legacy_phones, legacy_addresses, legacy_birthday, "
                        + "search_text, created_at, updated_at, version) from stdin with (format csv)", new StringReader(csv.toString()));
            }
        }
    }

    private long scalar(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(suite.jdbcUrl("customer"), PostgresServer.USER, "");
             var rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Milliseconds from launching instance {@code n} of customer-service to its readiness; then stops it. */
    private long timeToReady(int n) throws Exception {
        long started = System.nanoTime();
        List<String> names = suite.launchInstances(Suite.CUSTOMER_SERVICE, n);
        long millis = (System.nanoTime() - started) / 1_000_000;
        names.forEach(suite::stop);
        return millis;
    }

    // --- load ---------------------------------------------------------------------------------------------

    private Run closedLoop(String base, List<String> ids, int concurrency, int seconds) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong failures = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int w = 0; w < concurrency; w++) {
            Random random = new Random(w);
            Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        long started = System.nanoTime();
                        int status = get(base + "/api/v1/customers/" + ids.get(random.nextInt(ids.size())));
                        latencies.add(System.nanoTime() - started);
                        if (status != 200) {
                            failures.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        return Run.of(latencies, failures.get(), seconds);
    }

    /** Requests due at a steady rate; latency counts from when each was due (no coordinated omission). */
    private Run openLoop(String base, List<String> ids, String suffix, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        long interval = 1_000_000_000L / rate;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        Random random = new Random(5);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 100_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            String id = ids.get(random.nextInt(ids.size()));
            timer.schedule(() -> http.sendAsync(request(base + "/api/v1/customers/" + id + suffix), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        // an overview with a part missing (a service late or down) counts as failed here
                        if (failure != null || response.statusCode() != 200 || response.body().contains("\"degraded\":[\"")) {
                            failures.incrementAndGet();
                        }
                        latencies.add(System.nanoTime() - due);
                        done.countDown();
                    }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        done.await(seconds + 120L, TimeUnit.SECONDS);
        timer.shutdownNow();
        return Run.of(latencies, failures.get(), seconds);
    }

    private int get(String url) throws Exception {
        return http.send(request(url), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).build();
    }

    /** Latencies in nanoseconds of one measured stretch. */
    private record Run(long[] sorted, long failures, double seconds) {

        static Run of(ConcurrentLinkedQueue<Long> latencies, long failures, double seconds) {
            return new Run(latencies.stream().mapToLong(Long::longValue).sorted().toArray(), failures, seconds);
        }

        static Run merge(List<Run> runs) {
            return new Run(runs.stream().flatMapToLong(r -> java.util.Arrays.stream(r.sorted)).sorted().toArray(),
                    runs.stream().mapToLong(Run::failures).sum(), runs.stream().mapToDouble(Run::seconds).sum());
        }

        double throughput() {
            return sorted.length / seconds;
        }

        double p50() {
            return pct(50);
        }

        double pct(double p) {
            return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms (%,d requests, %d failed)",
                    throughput(), p50(), pct(99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, sorted.length, failures);
        }
    }
}
