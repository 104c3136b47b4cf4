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
                "phases", "webhooks,import", "warmup-seconds", "30"));
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
        int warmup = Integer.parseInt(options.get("warmup-seconds"));
        if (warmup > 0) {
            // a service fresh from start compiles its hot paths for the first minute or so; a shop's steady traffic
            // meets a warmed-up instance, so the measured run follows a slower one (its figures not reported)
            Load warm = send(gateway, domain, secret, Math.max(1, rate / 4), warmup, 2_000_000);
            awaitProcessed();
            report.add(String.format(Locale.ROOT, "warm-up: %,d deliveries at %,d/s (%,d not answered 200), then processed; not counted",
                    warm.total, Math.max(1, rate / 4), warm.failed.get()));
        }
        int total = rate * Integer.parseInt(options.get("seconds"));
        Load load = send(gateway, domain, secret, rate, Integer.parseInt(options.get("seconds")), 0);
        List<Long> acks = load.acks;
        List<Long> visible = load.visible;
        AtomicLong failed = load.failed;
        ConcurrentLinkedQueue<String> errors = load.errors;
        long start = load.start;
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long processedAt;
        try (Connection db = DriverManager.getConnection(suite.jdbcUrl("customer"), PostgresServer.USER, "")) {
            while (scalar(db, "select count(*) from webhook_delivery where status = 'pending'") > 0) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            processedAt = System.nanoTime();
            report.add(String.format(Locale.ROOT, "webhooks: %,d signed orders/create deliveries offered at %,d/s over %.1f s "
                            + "(%,d not answered 200); %,d stored, %,d processed, %,d failed", total, rate, sendSeconds, failed.get(),
                    scalar(db, MEASURED), scalar(db, MEASURED + " and status = 'processed'"), scalar(db, MEASURED + " and status = 'failed'")));
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

    /** The measured run's deliveries (the warm-up's orders are numbered from 2,000,000). */
    private static final String MEASURED = "select count(*) from webhook_delivery where delivery_key ~ '^bench-[0-9]{1,6}$'";

    /** What one run of sends saw. */
    private static final class Load {
        final int total;
        final long start;
        final List<Long> acks = Collections.synchronizedList(new ArrayList<>());
        final List<Long> visible = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong failed = new AtomicLong();
        final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

        Load(int total, long start) {
            this.total = total;
            this.start = start;
        }
    }

    /**
     * Sends {@code rate × seconds} signed orders/create deliveries at a steady rate (open loop: latency counts from
     * when each was due) from a Vert.x client on one event loop — far cheaper per request than a thread per request,
     * which matters when the client shares the two cores with the suite. Bodies and signatures are made beforehand.
     * Every 100th delivery is then read back until its order is visible.
     */
    private Load send(String gateway, String domain, String secret, int rate, int seconds, int firstOrder) throws Exception {
        int total = rate * seconds;
        List<String> bodies = new ArrayList<>(total);
        List<String> signatures = new ArrayList<>(total);
        for (int n = firstOrder; n < firstOrder + total; n++) {
            String body = order(n);
            bodies.add(body);
            signatures.add(sign(secret, body));
        }
        URI target = URI.create(gateway);
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
        io.vertx.core.http.HttpClient client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                .setDefaultHost(target.getHost()).setDefaultPort(target.getPort()).setKeepAlive(true)
                .setMaxPoolSize(256).setConnectTimeout(5_000), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(256).setMaxWaitQueueSize(-1));
        long start = System.nanoTime() + 200_000_000L;
        Load load = new Load(total, start);
        java.util.concurrent.CountDownLatch answered = new java.util.concurrent.CountDownLatch(total);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
        vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            while (next.get() < total && start + (long) (next.get() * 1e9 / rate) <= now) {
                int i = next.getAndIncrement();
                int n = firstOrder + i;
                long scheduled = start + (long) (i * 1e9 / rate);
                client.request(new io.vertx.core.http.RequestOptions().setMethod(io.vertx.core.http.HttpMethod.POST).setURI("/webhooks/shopify")
                                .setTimeout(30_000).putHeader("Content-Type", "application/json").putHeader("X-Shopify-Topic", "orders/create")
                                .putHeader("X-Shopify-Shop-Domain", domain).putHeader("X-Shopify-Event-Id", "bench-" + n)
                                .putHeader("X-Shopify-Hmac-Sha256", signatures.get(i)))
                        .compose(request -> request.send(bodies.get(i)))
                        .compose(response -> response.body().map(ignored -> response.statusCode()))
                        .onComplete(outcome -> {
                            long ackedAt = System.nanoTime();
                            load.acks.add(ackedAt - scheduled);
                            if (outcome.failed()) { // no answer within 30 s, or the connection dropped: the shop would retry
                                load.failed.incrementAndGet();
                                load.errors.add(outcome.cause().getClass().getSimpleName());
                            } else if (outcome.result() != 200) {
                                load.failed.incrementAndGet();
                                load.errors.add("ack " + outcome.result());
                            } else if (n % 100 == 0) { // a sample: how soon after the shop heard 200 is the order readable
                                readers.submit(() -> awaitVisible(gateway, domain, n, ackedAt, load.visible));
                            }
                            answered.countDown();
                        });
            }
            if (next.get() >= total) {
                vertx.cancelTimer(timer);
            }
        });
        answered.await(seconds + 120L, TimeUnit.SECONDS);
        readers.shutdown();
        readers.awaitTermination(2, TimeUnit.MINUTES);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return load;
    }

    private Void awaitVisible(String gateway, String domain, int n, long ackedAt, List<Long> visible) throws Exception {
        while (System.nanoTime() - ackedAt < 60_000_000_000L) {
            HttpResponse<Void> read = http.send(HttpRequest.newBuilder(URI.create(gateway
                            + "/api/v1/orders/by-external-id/shopify:" + domain + "/" + (1_000_000 + n)))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (read.statusCode() == 200) {
                visible.add(System.nanoTime() - ackedAt);
                return null;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return null;
    }

    private void awaitProcessed() throws Exception {
        try (Connection db = DriverManager.getConnection(suite.jdbcUrl("customer"), PostgresServer.USER, "")) {
            while (scalar(db, "select count(*) from webhook_delivery where status = 'pending'") > 0) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
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
