package io.clientbook.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.devstack.auth.DevTokens;
import io.clientbook.devstack.infra.PostgresServer;
import io.clientbook.devstack.launcher.Suite;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
import java.util.function.IntFunction;

/**
 * The customer-service benchmark: bulk load through the gateway against PostgreSQL COPY, then read latency.
 * Prints figures only; it is never part of the test suite.
 */
public final class CustomerBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] GIVEN = {"Ann", "Bo", "Chen", "Dana", "Eli", "Fatima", "Goran", "Hana", "Ines", "Jonas",
            "Kwame", "Lena", "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Yara"};
    private static final String[] FAMILY = {"Lee", "Okafor", "Schmidt", "Garcia", "Nakamura", "Silva", "Kowalski", "Haddad",
            "Johansson", "Rossi", "Dubois", "Novak", "Kim", "Moreau", "Petrov", "Singh", "Andersen", "Costa", "Yilmaz", "Walsh"};
    private static final String[] TAGS = {"newsletter", "wholesale", "vip-event", "b2b", "returning", "gift", "student",
            "loyalty", "outlet", "pre-order", "catalog", "app-user", "store-pickup", "subscription", "referral", "influencer",
            "corporate", "seasonal", "clearance", "premium"};

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Suite suite;
    private String base;
    private String token;
    private long failedRows;

    private CustomerBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>(Map.of("customers", "1000000", "orders", "5000000",
                "rate", "500", "seconds", "30", "concurrency", "2"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new CustomerBenchmark(options).run();
        System.exit(0);
    }

    private int option(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void run() throws Exception {
        suite = BenchmarkSuites.fresh("bench-home");
        Runtime.getRuntime().addShutdownHook(new Thread(suite::stop));
        suite.start();
        base = suite.gatewayUrl().replace("//localhost:", "//127.0.0.1:"); // as before: no name lookup per request
        token = new DevTokens(suite.keys()).sign("integrator", "bench", Duration.ofHours(24));
        int customers = option("customers");
        int orders = option("orders");
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "machine: %d cores, %s; suite on the embedded stack; service JVM options +%s; %d concurrent senders",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + Runtime.version(),
                System.getenv().getOrDefault("CRM_JAVA_OPTS", "none"), option("concurrency")));

        // 1. customers through the gateway
        List<String> sampleIds = Collections.synchronizedList(new ArrayList<>());
        failedRows = 0;
        double customerSeconds = load("customers", customers, "/api/v1/customers/batch-upsert", this::customer, sampleIds);
        double customerRate = customers / customerSeconds;
        report.add(String.format(Locale.ROOT, "batch upsert of %,d customers through the gateway: %.1f s, %,.0f customers/s (goal 10,000/s)%s",
                customers, customerSeconds, customerRate, failedRows > 0 ? "; " + failedRows + " rows failed" : ""));

        // 2. the same rows with PostgreSQL COPY into a table like customer (same indexes), once the relay and the
        // consumers have caught up: COPY measured while they still work would share the two cores with them
        report.add(String.format(Locale.ROOT, "relay + consumers caught up with the customers %.1f s after loading", awaitQuiet()));
        double copySeconds = copyCustomers(customers);
        report.add(String.format(Locale.ROOT, "PostgreSQL COPY of the same %,d rows into a table like customer (all indexes): %.1f s, %,.0f rows/s; API/COPY = %.2f",
                customers, copySeconds, customers / copySeconds, customerRate / (customers / copySeconds)));

        // 3. orders
        double orderSeconds = load("orders", orders, "/api/v1/orders/batch-upsert", i -> order(i, customers), null);
        report.add(String.format(Locale.ROOT, "batch upsert of %,d orders through the gateway: %.1f s, %,.0f orders/s", orders, orderSeconds,
                orders / orderSeconds));

        // 4. let the relay and the consumers catch up, so reads are measured on a quiet system
        double catchUp = awaitQuiet();
        report.add(String.format(Locale.ROOT, "relay + consumers caught up (outbox drained, analytics applied every event) %.1f s after loading", catchUp));

        // 5. reads
        report.add(steadyReads(sampleIds));
        report.add(steadyOverviews(sampleIds));
        Random random = new Random(11);
        report.add(latencies("lookup by email", 1000, n -> "/api/v1/customers?email=" + email(random.nextInt(customers))));
        report.add(latencies("lookup by phone", 1000, n -> "/api/v1/customers?phone=" + enc(phone(random.nextInt(customers)))));
        report.add(latencies("lookup by external id", 1000, n -> "/api/v1/customers/by-external-id/erp/C" + random.nextInt(customers)));
        report.add(latencies("first page ?tag=&sort=-createdAt", 300, n -> "/api/v1/customers?tag=" + TAGS[n % TAGS.length] + "&sort=-createdAt"));
        report.add(latencies("first page ?q=<name prefix>", 300, n -> "/api/v1/customers?q=" + enc(FAMILY[n % FAMILY.length].toLowerCase(Locale.ROOT).substring(0, 3))));
        report.add(latencies("first page ?q=<name with a typo>", 300, n -> "/api/v1/customers?q=" + enc(typo(FAMILY[n % FAMILY.length]))));
        report.add(latencies("first page ?attr.segment=&tag=", 300, n -> "/api/v1/customers?attr.segment=s" + (n % 7) + "&tag=" + TAGS[n % TAGS.length]));
        report.add(latencies("first page ?createdAfter=&sort=-updatedAt", 300, n -> "/api/v1/customers?createdAfter=2020-01-01T00:00:00Z&sort=-updatedAt"));

        System.out.println();
        System.out.println("=== customer-service benchmark ===");
        report.forEach(System.out::println);
        System.out.println("suite at the end:");
        suite.status().forEach(s -> System.out.printf(Locale.ROOT, "  %-20s %6d MiB%n", s.name(), s.residentBytes() / 1024 / 1024));
        suite.stop();
    }

    // --- data ---------------------------------------------------------------------------------------------

    private static String email(int i) {
        return "c" + i + "@bench.example.com";
    }

    private static String phone(int i) {
        return "+1415" + (2_000_000 + i);
    }

    private static String name(int i) {
        return GIVEN[i % GIVEN.length] + " " + FAMILY[(i / GIVEN.length) % FAMILY.length] + " " + (i / 480);
    }

    private static String typo(String word) {
        return word.length() < 5 ? word : word.substring(0, 2) + word.charAt(3) + word.charAt(2) + word.substring(4);
    }

    private Map<String, Object> customer(int i) {
        String given = GIVEN[i % GIVEN.length];
        String family = FAMILY[(i / GIVEN.length) % FAMILY.length];
        return Map.of(
                "displayName", name(i), "givenName", given, "familyName", family,
                "emails", List.of(Map.of("address", email(i), "primary", true)),
                "phones", List.of(Map.of("number", phone(i), "label", "mobile", "primary", true)),
                "tags", List.of(TAGS[i % TAGS.length], TAGS[(i * 7 + 3) % TAGS.length]),
                "customAttributes", Map.of("segment", "s" + (i % 7), "visits", i % 50),
                "externalIds", List.of(Map.of("source", "erp", "externalId", "C" + i)),
                "sourceUpdatedAt", "2026-01-01T00:00:00Z");
    }

    private Map<String, Object> order(int i, int customers) {
        Random random = new Random(i);
        int customer = random.nextInt(customers);
        Instant placed = Instant.parse("2023-01-01T00:00:00Z").plusSeconds(random.nextInt(3 * 365 * 86_400));
        String total = String.format(Locale.ROOT, "%d.%02d", 5 + random.nextInt(400), random.nextInt(100));
        return Map.of("source", "erp", "externalId", "O" + i,
                "customer", Map.of("source", "erp", "externalId", "C" + customer),
                "placedAt", placed.toString(), "status", i % 10 == 0 ? "refunded" : "paid", "currency", "USD",
                "total", total, "channel", i % 3 == 0 ? "store" : "online",
                "lineItems", List.of(Map.of("sku", "SKU-" + (i % 500), "name", "Item " + (i % 500), "category", TAGS[i % 5],
                        "quantity", "1", "unitPrice", total)));
    }

    // --- loading ------------------------------------------------------------------------------------------

    /** Sends {@code count} items in batches of 1,000 with several concurrent senders; returns seconds. */
    private double load(String what, int count, String path, IntFunction<Map<String, Object>> item, List<String> sampleIds)
            throws Exception {
        int batches = (count + 999) / 1000;
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        AtomicInteger done = new AtomicInteger();
        int concurrency = option("concurrency");
        CountDownLatch finished = new CountDownLatch(concurrency);
        long started = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            Thread.ofPlatform().start(() -> {
                try {
                    int b;
                    while ((b = next.getAndIncrement()) < batches) {
                        List<Map<String, Object>> items = new ArrayList<>(1000);
                        for (int i = b * 1000; i < Math.min(count, (b + 1) * 1000); i++) {
                            items.add(item.apply(i));
                        }
                        HttpResponse<String> response = send(request(path)
                                .timeout(Duration.ofMinutes(5))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("items", items)))));
                        if (response.statusCode() != 207) {
                            System.err.println(what + " batch " + b + " answered " + response.statusCode() + ": " + response.body());
                            errors.addAndGet(1000);
                            continue;
                        }
                        for (JsonNode row : JSON.readTree(response.body()).get("results")) {
                            if ("error".equals(row.path("status").asText())) {
                                errors.incrementAndGet();
                            } else if (sampleIds != null && row.path("index").asInt() % 100 == 0) {
                                sampleIds.add(row.path("id").asText());
                            }
                        }
                        int d = done.incrementAndGet();
                        if (d % 50 == 0) {
                            System.err.printf(Locale.ROOT, "  %s: %,d of %,d (%.0f/s)%n", what, d * 1000L, (long) count,
                                    d * 1000.0 / ((System.nanoTime() - started) / 1e9));
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    errors.addAndGet(1_000_000);
                } finally {
                    finished.countDown();
                }
            });
        }
        finished.await();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (errors.get() > 0) {
            System.err.println(what + ": " + errors.get() + " rows failed");
        }
        failedRows = errors.get();
        return seconds;
    }

    private double copyCustomers(int count) throws Exception {
        try (Connection c = DriverManager.getConnection(suite.jdbcUrl("customer"), PostgresServer.USER, "")) {
            c.createStatement().execute("drop table if exists bench_copy_customer");
            c.createStatement().execute("create table bench_copy_customer (like customer including all)");
            long started = System.nanoTime();
            var copy = ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI();
            int chunk = 100_000;
            for (int from = 0; from < count; from += chunk) {
                StringBuilder csv = new StringBuilder();
                for (int i = from; i < Math.min(count, from + chunk); i++) {
                    Map<String, Object> row = customer(i);
                    Instant now = Instant.now();
                    csv.append(UUID.randomUUID()).append(",person,")
                            .append(quote((String) row.get("displayName"))).append(',')
                            .append(quote((String) row.get("givenName"))).append(',')
                            .append(quote((String) row.get("familyName"))).append(',')
                            // stand-ins of the same size for the sealed contacts and their digests (the API seals)
                            .append(quote(sealedSize(JSON.writeValueAsString(row.get("emails"))))).append(',')
                            .append(quote(sealedSize(JSON.writeValueAsString(row.get("phones"))))).append(',')
                            .append(quote("{i1:" + UUID.randomUUID().toString().substring(0, 22) + "}")).append(',')
                            .append(quote("{i1:" + UUID.randomUUID().toString().substring(0, 22) + "}")).append(',')
                            .append(quote("{" + String.join(",", castList(row.get("tags"))) + "}")).append(',')
                            .append(quote(JSON.writeValueAsString(row.get("customAttributes")))).append(',')
                            .append(quote(JSON.writeValueAsString(row.get("externalIds")))).append(',')
                            .append("bench,")
                            .append(quote(((String) row.get("displayName")).toLowerCase(Locale.ROOT))).append(',')
                            .append(now).append(',').append(now).append(",0\n");
                }
                copy.copyIn("copy bench_copy_customer (id, kind, display_name, given_name, family_name, emails_sealed, phones_sealed, "
                        + "email_digests, phone_digests, tags, "
                        + "custom_attributes, external_ids, owner_id, search_text, created_at, updated_at, version) from stdin with (format csv)",
                        new StringReader(csv.toString()));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            c.createStatement().execute("drop table bench_copy_customer");
            return seconds;
        }
    }

    /** As long as the sealed form of a value: "v1:k1:" and base64url of a 12-byte nonce, the text and a 16-byte tag. */
    private static String sealedSize(String plaintext) {
        byte[] sealed = new byte[12 + plaintext.getBytes(StandardCharsets.UTF_8).length + 16];
        new Random(plaintext.hashCode()).nextBytes(sealed);
        return "v1:k1:" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object value) {
        return (List<String>) value;
    }

    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    /** The consumer groups that must catch up before reads are measured. */
    private double awaitQuiet() throws Exception {
        return BenchmarkSuites.awaitQuiet(suite);
    }

    private static long scalar(Connection c, String sql) throws Exception {
        try (var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // --- reads --------------------------------------------------------------------------------------------

    /** GET /customers/{id} at a steady rate (open loop: latency counts from when the request was due). */
    private String steadyReads(List<String> ids) throws Exception {
        for (int i = 0; i < 2000; i++) { // warm the connection pools and the JIT before measuring
            send(request("/api/v1/customers/" + ids.get(i % ids.size())));
        }
        int rate = option("rate");
        int seconds = option("seconds");
        int total = rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        Random random = new Random(3);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 100_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            String id = ids.get(random.nextInt(ids.size()));
            timer.schedule(() -> http.sendAsync(request("/api/v1/customers/" + id).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        if (failure != null || response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                        latencies.add(System.nanoTime() - due);
                        done.countDown();
                    }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        done.await(seconds + 120L, TimeUnit.SECONDS);
        timer.shutdownNow();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "GET /customers/{id} at %d req/s for %d s (%,d requests, %d failed): p50 %.1f ms, p99 %.1f ms, max %.1f ms (goal p99 < 20 ms)",
                rate, seconds, sorted.length, failures.get(), pct(sorted, 50), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    /** GET /customers/{id}/overview (composed by the gateway from three services) at 200 req/s, open loop. */
    private String steadyOverviews(List<String> ids) throws Exception {
        for (int i = 0; i < 1000; i++) {
            send(request("/api/v1/customers/" + ids.get(i % ids.size()) + "/overview"));
        }
        int rate = 200;
        int seconds = option("seconds");
        int total = rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger degraded = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        Random random = new Random(4);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 100_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            String id = ids.get(random.nextInt(ids.size()));
            timer.schedule(() -> http.sendAsync(request("/api/v1/customers/" + id + "/overview").build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        if (failure != null || response.statusCode() != 200) {
                            failures.incrementAndGet();
                        } else if (!response.body().contains("\"degraded\":[]")) {
                            degraded.incrementAndGet();
                        }
                        latencies.add(System.nanoTime() - due);
                        done.countDown();
                    }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        done.await(seconds + 120L, TimeUnit.SECONDS);
        timer.shutdownNow();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "GET /customers/{id}/overview (7 parts from 3 services) at %d req/s for %d s (%,d requests, %d failed, %d degraded): "
                        + "p50 %.1f ms, p99 %.1f ms, max %.1f ms (goal p99 < 50 ms)",
                rate, seconds, sorted.length, failures.get(), degraded.get(), pct(sorted, 50), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    private String latencies(String what, int count, IntFunction<String> path) throws Exception {
        for (int i = 0; i < 20; i++) {
            send(request(path.apply(i)));
        }
        long[] samples = new long[count];
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = send(request(path.apply(i)));
            samples[i] = System.nanoTime() - started;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
            }
        }
        Arrays.sort(samples);
        return String.format(Locale.ROOT, "%-40s n=%d  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms", what, count, pct(samples, 50),
                pct(samples, 95), pct(samples, 99));
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
