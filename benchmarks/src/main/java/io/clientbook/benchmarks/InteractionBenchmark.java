package io.clientbook.benchmarks;

import io.clientbook.devstack.auth.DevTokens;
import io.clientbook.devstack.infra.PostgresServer;
import io.clientbook.devstack.launcher.Suite;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * interaction-service benchmark (issue: interaction-service I), on its own suite with customer-service and
 * analytics-service stopped (only interaction-service, PostgreSQL, Kafka and the gateway share the cores):
 * <ol>
 *   <li>a book of C customers (care profiles with consents) and I interactions, one customer holding 10,000
 *       of them, written straight into interaction-service's database (the read path is measured, not the load);</li>
 *   <li>the first timeline page of that customer through the gateway at a steady rate (open loop), and of
 *       random customers;</li>
 *   <li>rule evaluation: O order.recorded events sent to the broker at once; the time until every firing of
 *       the two post-purchase rules is stored.</li>
 * </ol>
 * Prints figures; asserts nothing.
 */
public final class InteractionBenchmark {

    private final Map<String, String> options;

    private InteractionBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("customers", "100000", "interactions", "1000000", "orders", "20000",
                "rate", "100", "seconds", "30", "tickets", "100000"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new InteractionBenchmark(options).run();
    }

    private int option(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void run() throws Exception {
        Suite suite = BenchmarkSuites.fresh("interaction-bench-home");
        suite.start();
        try {
            suite.kill(Suite.CUSTOMER_SERVICE);
            suite.kill(Suite.ANALYTICS_SERVICE);
            int customers = option("customers");
            int interactions = option("interactions");
            UUID hot;
            try (Connection db = DriverManager.getConnection(suite.jdbcUrl("interaction"), PostgresServer.USER, "")) {
                hot = load(db, customers, interactions);
            }
            String token = new DevTokens(suite.keys()).forRole("manager");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = suite.gatewayUrl() + "/api/v1/customers/";
            System.out.println(steady(http, token, "first timeline page of the customer with 10,000 entries", n -> base + hot + "/timeline"));
            Random random = new Random(5);
            System.out.println(steady(http, token, "first timeline page of a random customer",
                    n -> base + customerId(random.nextInt(customers - 1) + 1) + "/timeline"));
            ruleEvaluation(suite, customers, option("orders"));
            slaTimers(suite, customers, option("tickets"));
        } finally {
            suite.stop();
        }
    }

    /** Customer n's id: predictable, so the benchmark can address any of them. */
    private static UUID customerId(int n) {
        return new UUID(0x00c0ffeeL, n);
    }

    /** Profiles with every consent granted, interactions (10,000 on customer 0, the rest spread) and their timeline entries. */
    private static UUID load(Connection db, int customers, int interactions) throws Exception {
        long start = System.nanoTime();
        db.setAutoCommit(false);
        try (var s = db.createStatement()) {
            s.execute("""
                    insert into customer_profile (customer_id, owner_id, consents, created_at)
                    select ('00000000-00c0-ffee-' || lpad(to_hex(n >> 48), 4, '0') || '-' || lpad(to_hex(n & 281474976710655), 12, '0'))::uuid,
                           'u-owner-' || (n %% 50),
                           '[{"channel":"phone","purpose":"service","granted":true},{"channel":"email","purpose":"service","granted":true}]',
                           now()
                      from generate_series(0, %d) n""".formatted(customers - 1));
            int hotEntries = Math.min(10_000, interactions);
            s.execute("""
                    insert into interaction (id, customer_id, channel, direction, occurred_at, duration_seconds, subject, summary, outcome,
                                             agent_id, created_by, created_at)
                    select gen_random_uuid(),
                           ('00000000-00c0-ffee-0000-' || lpad(to_hex(case when i < %d then 0 else 1 + (i %% %d) end), 12, '0'))::uuid,
                           (array['PHONE','EMAIL','SMS','VISIT','MEETING','NOTE'])[1 + i %% 6], (array['INBOUND','OUTBOUND'])[1 + i %% 2],
                           timestamp '2024-01-01' + (i || ' minutes')::interval, 60 + i %% 600, 'Contact ' || i,
                           'A summary of contact ' || i || ' with enough words to look like one', 'reached', 'u-agent-' || (i %% 40),
                           'u-agent-' || (i %% 40), now()
                      from generate_series(0, %d) i""".formatted(hotEntries, customers - 1, interactions - 1));
            s.execute("""
                    insert into timeline_entry (id, customer_id, kind, type, occurred_at, summary)
                    select id, customer_id, 'INTERACTION', lower(channel) || '.' || lower(direction), occurred_at, subject from interaction""");
            db.commit();
            s.execute("analyze");
        }
        db.setAutoCommit(true);
        System.out.printf(Locale.ROOT, "Loaded %,d customer profiles and %,d interactions with their timeline entries in %.1f s%n",
                customers, interactions, (System.nanoTime() - start) / 1e9);
        return customerId(0);
    }

    /** A GET at a steady rate (open loop: latency counts from when the request was due), after a warm-up. */
    private String steady(HttpClient http, String token, String what, java.util.function.IntFunction<String> url) throws Exception {
        for (int i = 0; i < 500; i++) {
            HttpResponse<String> r = http.send(get(url.apply(i), token), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " " + r.body());
            }
        }
        int rate = option("rate");
        int seconds = option("seconds");
        int total = rate * seconds;
        long interval = 1_000_000_000L / rate;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 100_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            HttpRequest request = get(url.apply(i), token);
            timer.schedule(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
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
        return String.format(Locale.ROOT, "%s at %d req/s for %d s (%,d requests, %d failed): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms",
                what, rate, seconds, sorted.length, failures.get(), pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    /** Order events for random customers, all at once; the time until both post-purchase rules fired for each. */
    private void ruleEvaluation(Suite suite, int customers, int orders) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        Random random = new Random(9);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
             Connection db = DriverManager.getConnection(suite.jdbcUrl("interaction"), PostgresServer.USER, "")) {
            long rulesPerOrder;
            try (var rs = db.createStatement().executeQuery(
                    "select count(*) from follow_up_rule where enabled and trigger->>'type' = 'event' and trigger->>'event' = 'order.recorded'")) {
                rs.next();
                rulesPerOrder = rs.getLong(1);
            }
            int warmUp = Math.min(2000, orders / 5);
            for (int i = 0; i < warmUp; i++) {
                send(producer, customerId(random.nextInt(customers)));
            }
            producer.flush();
            awaitFirings(db, rulesPerOrder * warmUp, Duration.ofMinutes(10));
            long before = count(db);
            long start = System.nanoTime();
            for (int i = 0; i < orders; i++) {
                send(producer, customerId(random.nextInt(customers)));
            }
            producer.flush();
            long sent = System.nanoTime();
            awaitFirings(db, before + rulesPerOrder * orders, Duration.ofMinutes(30));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "Rule evaluation: %,d order.recorded events (sent in %.1f s) evaluated against the enabled rules, "
                            + "%,d firings (%d rules: callback +30 d, e-mail task +90 d, NPS invitation) stored in %.1f s: %,.0f events/s (goal >= 2,000/s)%n",
                    orders, (sent - start) / 1e9, rulesPerOrder * orders, rulesPerOrder, seconds, orders / seconds);
        }
    }

    /**
     * N open tickets with their SLA timers, a tenth of them breaching within one minute from now (the rest
     * days away); then every sla.breached event of that minute is read back from the broker and its record
     * time compared with the ticket's due moment (watch + outbox relay + broker).
     */
    private void slaTimers(Suite suite, int customers, int tickets) throws Exception {
        int dueSoon = tickets / 10;
        Instant base;
        try (Connection db = DriverManager.getConnection(suite.jdbcUrl("interaction"), PostgresServer.USER, "")) {
            db.setAutoCommit(false);
            base = Instant.now().plusSeconds(20);
            try (var s = db.prepareStatement("""
                    insert into ticket (id, customer_id, type, priority, subject, status, sla_policy_id, first_response_due_at, resolution_due_at,
                                        first_responded_at, version, created_at, updated_at)
                    select ('00000000-7ec4-0000-0000-' || lpad(to_hex(i), 12, '0'))::uuid,
                           ('00000000-00c0-ffee-0000-' || lpad(to_hex(i % ?), 12, '0'))::uuid, 'COMPLAINT', 'NORMAL', 'Ticket ' || i, 'OPEN',
                           '5a1a0000-0004-4000-8000-000000000004', now(),
                           case when i < ? then ?::timestamptz + ((i % 40) || ' seconds')::interval else now() + interval '2 days' end,
                           now(), 0, now(), now()
                      from generate_series(0, ? - 1) i""")) {
                s.setInt(1, customers);
                s.setInt(2, dueSoon);
                s.setObject(3, java.sql.Timestamp.from(base));
                s.setInt(4, tickets);
                s.executeUpdate();
            }
            try (var s = db.createStatement()) {
                s.execute("""
                        insert into sla_timer (ticket_id, kind, due_at)
                        select id, 'resolution-breach', resolution_due_at from ticket where id::text like '00000000-7ec4-%'
                        union all
                        select id, 'resolution-warning', resolution_due_at - interval '9 hours' from ticket
                         where id::text like '00000000-7ec4-%' and resolution_due_at > now() + interval '1 day'""");
                s.execute("analyze ticket");
                s.execute("analyze sla_timer");
                try (var rs = s.executeQuery("select count(*) from sla_timer")) {
                    rs.next();
                    System.out.printf(Locale.ROOT, "%nSLA: %,d open tickets, %,d timers; %,d tickets breach between %s and 40 s later%n",
                            tickets, rs.getLong(1), dueSoon, base);
                }
            }
            db.commit();
            db.setAutoCommit(true);
            // what one pass costs when nothing is due: the index probe the watch makes every second
            try (var s = db.createStatement(); var rs = s.executeQuery(
                    "explain analyze select ticket_id, kind, due_at from sla_timer where due_at <= now() - interval '1 hour' order by due_at limit 500")) {
                while (rs.next()) {
                    String line = rs.getString(1);
                    if (line.startsWith("Execution Time")) {
                        System.out.println("  an empty pass's timer query (EXPLAIN ANALYZE): " + line);
                    }
                }
            }
        }
        long[] lateness;
        try (var probe = new io.clientbook.devstack.testing.TopicProbe(suite.kafkaBootstrapServers(), "clientbook.interactions")) {
            Thread.sleep(Duration.between(Instant.now(), base.plusSeconds(40)).toMillis() + 15_000);
            var breaches = probe.drain(Duration.ofSeconds(5)).stream()
                    .filter(r -> new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8).equals("clientbook.sla.breached.v1"))
                    .toList();
            lateness = breaches.stream().mapToLong(r -> {
                String due = r.value().replaceAll("(?s).*\"dueAt\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                return (r.timestamp() - Instant.parse(due).toEpochMilli()) * 1_000_000L;
            }).sorted().toArray();
        }
        System.out.printf(Locale.ROOT, "  %,d sla.breached events on the broker (of %,d due); from the due moment to the event on the broker: "
                        + "p50 %.0f ms, p99 %.0f ms, max %.0f ms (goal: max < 5 s)%n", lateness.length, dueSoon, pct(lateness, 50), pct(lateness, 99),
                lateness.length == 0 ? 0 : lateness[lateness.length - 1] / 1e6);
    }

    private static void awaitFirings(Connection db, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(db) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + count(db) + " of " + expected + " firings after " + timeout);
            }
            Thread.sleep(200);
        }
    }

    private static long count(Connection db) throws Exception {
        try (var rs = db.createStatement().executeQuery("select count(*) from rule_firing")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void send(KafkaProducer<String, String> producer, UUID customer) {
        UUID order = UUID.randomUUID();
        String json = """
                {"orderId":"%s","customerId":"%s","source":"bench","externalId":"%s","placedAt":"%s","status":"paid",\
                "currency":"USD","total":"25.00","discountTotal":"0","channel":"online","lineItems":[]}""".formatted(order, customer, order,
                Instant.now());
        ProducerRecord<String, String> record = new ProducerRecord<>("clientbook.customers", customer.toString(), json);
        Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", "clientbook.order.recorded.v1",
                        "ce_source", "/clientbook/benchmark", "ce_subject", customer.toString(), "ce_time", Instant.now().toString(),
                        "content-type", "application/json")
                .forEach((k, v) -> record.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        producer.send(record);
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build();
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

}
