package io.clientbook.benchmarks;

import io.clientbook.devstack.auth.DevTokens;
import io.clientbook.devstack.infra.PostgresServer;
import io.clientbook.devstack.launcher.Suite;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Integrations benchmark (run on demand, prints figures, asserts nothing): signed Shopify order webhooks through the
 * gateway at a steady rate (ack latency measured from each delivery's scheduled start, so a backlog shows; then
 * how long after its ack a sampled order is readable), and an NDJSON import of many customers (time, rows/s, the
 * customer-service process's peak resident memory).
 */
public final class IntegrationsBenchmark {

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private Suite suite;
    private String token;

    private IntegrationsBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("rate", "1000", "seconds", "20", "import-rows", "100000",
                "phases", "webhooks,import"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new IntegrationsBenchmark(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        suite = BenchmarkSuites.fresh("integrations-bench-home");
        Runtime.getRuntime().addShutdownHook(new Thread(suite::stop));
        suite.start();
        String gateway = suite.gatewayUrl().replace("//localhost:", "//127.0.0.1:");
        token = new DevTokens(suite.keys()).sign("admin", "bench", Duration.ofHours(24));
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "machine: %d cores, %s; suite on the embedded stack; service JVM options +%s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + Runtime.version(),
                System.getenv().getOrDefault("CRM_JAVA_OPTS", "none")));
        List<String> phases = List.of(options.get("phases").split(","));
        if (phases.contains("webhooks")) {
            webhooks(report, gateway);
            report.forEach(line -> System.out.println("[webhooks] " + line)); // kept even if the import fails
        }
        if (phases.contains("import")) {
            imports(report, gateway);
        }
        System.out.println();
        System.out.println("=== integrations benchmark ===");
        report.forEach(System.out::println);
        suite.stop();
    }

    private void webhooks(List<String> report, String gateway) throws Exception {
        String domain = "bench.myshopify.com";
        String secret = "bench-secret-" + UUID.randomUUID();
        HttpResponse<String> connected = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/integrations/shops"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"platform\": \"shopify\", \"domain\": \"" + domain + "\", \"webhookSecret\": \""
                        + secret + "\", \"currency\": \"USD\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (connected.statusCode() != 201) {
            throw new IllegalStateException("connect: " + connected.statusCode() + " " + connected.body());
        }
        int rate = Integer.parseInt(options.get("rate"));
        int total = rate * Integer.parseInt(options.get("seconds"));
        List<Long> acks = Collections.synchronizedList(new ArrayList<>(total));
        List<Long> visible = Collections.synchronizedList(new ArrayList<>());
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime() + 200_000_000L;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                int n = i;
                long scheduled = start + (long) (n * 1e9 / rate);
                senders.submit(() -> {
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    String order = order(n);
                    HttpResponse<Void> ack;
                    try {
                        ack = http.send(HttpRequest.newBuilder(URI.create(gateway + "/webhooks/shopify"))
                            .header("Content-Type", "application/json").header("X-Shopify-Topic", "orders/create")
                            .header("X-Shopify-Shop-Domain", domain).header("X-Shopify-Event-Id", "bench-" + n)
                            .header("X-Shopify-Hmac-Sha256", sign(secret, order)).timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(order)).build(), HttpResponse.BodyHandlers.discarding());
                    } catch (java.io.IOException e) { // no answer within 30 s, or the connection dropped: a delivery the shop would retry
                        failed.incrementAndGet();
                        errors.add(e.getClass().getSimpleName());
                        acks.add(System.nanoTime() - scheduled);
                        return null;
                    }
                    long ackedAt = System.nanoTime();
                    acks.add(ackedAt - scheduled);
                    if (ack.statusCode() != 200) {
                        failed.incrementAndGet();
                        errors.add("ack " + ack.statusCode());
                        return null;
                    }
                    if (n % 100 == 0) { // a sample: how soon after the shop heard 200 is the order readable
                        while (System.nanoTime() - ackedAt < 60_000_000_000L) {
                            HttpResponse<Void> read = http.send(HttpRequest.newBuilder(URI.create(gateway
                                            + "/api/v1/orders/by-external-id/shopify:" + domain + "/" + (1_000_000 + n)))
                                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding());
                            if (read.statusCode() == 200) {
                                visible.add(System.nanoTime() - ackedAt);
                                break;
                            }
                            TimeUnit.MILLISECONDS.sleep(20);
                        }
                    }
                    return null;
                });
            }
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long processedAt;
        try (Connection db = DriverManager.getConnection(suite.jdbcUrl("customer"), PostgresServer.USER, "")) {
            while (scalar(db, "select count(*) from webhook_delivery where status = 'pending'") > 0) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            processedAt = System.nanoTime();
            report.add(String.format(Locale.ROOT, "webhooks: %,d signed orders/create deliveries offered at %,d/s over %.1f s "
                            + "(%,d not answered 200); %,d stored, %,d processed, %,d failed", total, rate, sendSeconds, failed.get(),
                    scalar(db, "select count(*) from webhook_delivery"), scalar(db, "select count(*) from webhook_delivery where status = 'processed'"),
                    scalar(db, "select count(*) from webhook_delivery where status = 'failed'")));
        }
        report.add(String.format(Locale.ROOT, "  ack latency from scheduled send: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                pct(acks, 50), pct(acks, 99), pct(acks, 100)));
        report.add(String.format(Locale.ROOT, "  order readable after ack (%d samples): p50 %.0f ms, p99 %.0f ms, max %.0f ms",
                visible.size(), pct(visible, 50), pct(visible, 99), pct(visible, 100)));
        report.add(String.format(Locale.ROOT, "  all processed %.1f s after the last send: %.0f accepted deliveries/s end to end",
                (processedAt - start) / 1e9 - sendSeconds, (total - failed.get()) / ((processedAt - start) / 1e9)));
        if (!errors.isEmpty()) {
            report.add("  first errors: " + errors.stream().limit(5).toList());
        }
    }

    private void imports(List<String> report, String gateway) throws Exception {
        int rows = Integer.parseInt(options.get("import-rows"));
        Path file = Path.of("benchmarks/target/import-" + rows + ".ndjson");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 1; i <= rows; i++) {
                out.write("{\"displayName\": \"Imported Customer " + i + "\", \"givenName\": \"Imported\", \"familyName\": \"Customer " + i
                        + "\", \"emails\": [{\"address\": \"imported-" + i + "@example.com\"}], \"tags\": [\"import\"], "
                        + "\"externalIds\": [{\"source\": \"erp\", \"externalId\": \"E" + i + "\"}]}\n");
            }
        }
        long bytes = Files.size(file);
        long started = System.nanoTime();
        HttpResponse<String> accepted;
        int tries = 0;
        do { // after the webhook load the gateway's circuit to customer-service may still be open for a few seconds
            if (tries++ > 0) {
                TimeUnit.SECONDS.sleep(10);
                started = System.nanoTime();
            }
            accepted = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/import-jobs?kind=customers"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson").timeout(Duration.ofMinutes(30))
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        } while (accepted.statusCode() == 503 && tries < 6);
        double uploadSeconds = (System.nanoTime() - started) / 1e9;
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("import: " + accepted.statusCode() + " " + accepted.body());
        }
        String id = field(accepted.body(), "id");
        long peakRss = 0;
        String job;
        while (true) {
            job = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/import-jobs/" + id)).header("Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            for (Suite.ComponentStatus s : suite.status()) {
                if (s.name().equals(Suite.CUSTOMER_SERVICE)) {
                    peakRss = Math.max(peakRss, s.residentBytes());
                }
            }
            String state = field(job, "state");
            if (!state.equals("queued") && !state.equals("running")) {
                break;
            }
            TimeUnit.SECONDS.sleep(1);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        report.add(String.format(Locale.ROOT, "import: %,d customers, NDJSON %.1f MB: upload and chunking %.1f s; job %s after %.1f s in all "
                        + "(%,.0f rows/s); %s succeeded, %s failed; customer-service peak RSS %.0f MB", rows, bytes / 1e6, uploadSeconds,
                field(job, "state"), seconds, rows / seconds, field(job, "succeeded"), field(job, "failed"), peakRss / 1e6));
    }

    private static String order(int n) {
        int customer = n % 5000;
        return ("{\"id\": " + (1_000_000 + n) + ", \"created_at\": \"2026-03-01T10:00:00-05:00\", \"updated_at\": \"2026-03-01T10:05:00-05:00\","
                + " \"processed_at\": \"2026-03-01T10:00:00-05:00\", \"currency\": \"USD\", \"financial_status\": \"paid\", \"fulfillment_status\": null,"
                + " \"total_price\": \"" + (10 + n % 90) + ".50\", \"total_discounts\": \"0.00\", \"source_name\": \"web\", \"email\": \"buyer-" + customer
                + "@example.com\", \"customer\": {\"id\": " + (5_000_000 + customer) + ", \"email\": \"buyer-" + customer
                + "@example.com\", \"first_name\": \"Buyer\", \"last_name\": \"" + customer + "\", \"updated_at\": \"2026-03-01T09:00:00-05:00\"},"
                + " \"line_items\": [{\"sku\": \"TEA-" + (n % 20) + "\", \"title\": \"Tea\", \"quantity\": 1, \"price\": \"10.50\"}]}");
    }

    private static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static double pct(List<Long> nanos, double p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static long scalar(Connection c, String sql) throws Exception {
        try (var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|[^,}\\s]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }
}
