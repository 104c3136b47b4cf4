package io.clientbook.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.devstack.auth.DevTokens;
import io.clientbook.devstack.infra.PostgresServer;
import io.clientbook.devstack.launcher.Suite;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The analytics-service II benchmark: a book of N customers with about 5 orders each is written straight into
 * analytics-service's projection tables (as if replayed from the topics), then full rescoring jobs run through
 * analytics-service's API (refit BG/NBD and Gamma-Gamma, rescore, remeasure, reclassify, write back and publish changes),
 * and the annual book report is timed. Prints figures; asserts nothing.
 */
public final class ClassesBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("customers", "1000000"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int customers = Integer.parseInt(options.get("customers"));
        Suite suite = BenchmarkSuites.fresh("classes-bench");
        System.out.println("Starting a suite (state in benchmarks/target/classes-bench) ...");
        suite.start();
        try {
            // measured: analytics-service alone with its PostgreSQL and Kafka, as in a deployment with its own cores
            suite.kill(Suite.INTERACTION_SERVICE);
            suite.kill(Suite.CUSTOMER_SERVICE);
            load(suite, customers);
            HttpClient http = HttpClient.newHttpClient();
            String manager = new DevTokens(suite.keys()).forRole("manager");
            for (String run : new String[] {"first job (every customer's classes are new)", "second job (the nightly case: few changes)"}) {
                JsonNode job = rescore(http, suite, manager);
                Duration took = Duration.between(Instant.parse(job.get("startedAt").asText()), Instant.parse(job.get("completedAt").asText()));
                System.out.printf(Locale.ROOT, "Rescoring job, %s: %s, %,d customer steps in %.1f s%n", run, job.get("state").asText(),
                        job.get("processed").asLong(), took.toMillis() / 1000.0);
                try (Connection db = DriverManager.getConnection(suite.jdbcUrl("analytics"), PostgresServer.USER, "");
                     Statement sql = db.createStatement(); var rows = sql.executeQuery("""
                             select (select count(*) from customer_class where segment is not null),
                                    (select count(*) from outbox where occurred_at >= now() - interval '10 minutes'),
                                    (select count(*) from class_change)""")) {
                    rows.next();
                    System.out.printf(Locale.ROOT, "  classified %,d buying customers; events written in the last 10 minutes %,d; class changes kept %,d%n",
                            rows.getLong(1), rows.getLong(2), rows.getLong(3));
                }
            }
            int year = LocalDate.now(ZoneOffset.UTC).getYear();
            for (int y : new int[] {year, year - 1}) {
                for (int attempt = 1; attempt <= 3; attempt++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> report = http.send(HttpRequest.newBuilder(URI.create(gateway(suite) + "/api/v1/analytics/reports/annual/" + y))
                            .header("Authorization", "Bearer " + manager).timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    double ms = (System.nanoTime() - t0) / 1e6;
                    JsonNode body = JSON.readTree(report.body());
                    System.out.printf(Locale.ROOT, "Annual book report %d (run %d): HTTP %d in %.0f ms; active %s, new %s, revenue %s%n", y, attempt,
                            report.statusCode(), ms, body.path("customers").path("active"), body.path("customers").path("newCustomers"),
                            body.path("revenue").path("total"));
                }
            }
        } finally {
            suite.stop();
        }
        System.exit(0);
    }

    /** N customers, each with 1 + ⌊Exp(mean 4.5)⌋ orders over the last three years (about 5 per customer). */
    private static void load(Suite suite, int customers) throws Exception {
        long t0 = System.nanoTime();
        try (Connection db = DriverManager.getConnection(suite.jdbcUrl("analytics"), PostgresServer.USER, "");
             Statement sql = db.createStatement()) {
            sql.execute("select setseed(0.42)");
            sql.execute("""
                    create temporary table bench_customer as
                    select i, md5('c' || i)::uuid as id, 1 + floor(-ln(1 - random()) * 4.5)::int as orders,
                           now() - random() * interval '1095 days' as first_at
                      from generate_series(1, %d) i""".formatted(customers));
            sql.execute("""
                    insert into purchase (order_id, customer_id, placed_at, status, currency, total, amount, counts, updated_at)
                    select md5('o' || c.i || '-' || j)::uuid, c.id,
                           least(now(), c.first_at + (j * 40 + random() * 40) * interval '1 day'), 'paid', 'USD', t, t, true, now()
                      from bench_customer c, generate_series(0, c.orders - 1) j, lateral (select round((10 + random() * 190)::numeric, 2) as t) a""");
            sql.execute("""
                    insert into customer_projection (customer_id, customer_since, purchase_count, total_spent, first_purchase_at,
                                                     last_purchase_at, events_applied, updated_at, external_ids, purchase_days,
                                                     repeat_day_spend, repeat_days_with_spend)
                    select customer_id, min(first_at), sum(n), sum(a), min(first_at), max(last_at), sum(n), now(), '[]', count(*),
                           sum(a) filter (where d > f), count(a) filter (where d > f)
                      from (select *, min(d) over (partition by customer_id) as f
                              from (select customer_id, cast(placed_at at time zone 'UTC' as date) as d, sum(amount) as a, count(*) as n,
                                           min(placed_at) as first_at, max(placed_at) as last_at
                                      from purchase group by 1, 2) days) x
                     group by customer_id""");
            sql.execute("""
                    insert into customer_year (customer_id, year, orders, revenue)
                    select customer_id, cast(extract(year from placed_at at time zone 'UTC') as integer), count(*), sum(amount)
                      from purchase group by 1, 2""");
            sql.execute("vacuum analyze customer_year");
            sql.execute("vacuum analyze purchase");
            sql.execute("vacuum analyze customer_projection");
            try (var rows = sql.executeQuery("select count(*), (select count(*) from customer_projection) from purchase")) {
                rows.next();
                System.out.printf(Locale.ROOT, "Loaded %,d customers with %,d orders into analytics' projection in %.0f s%n",
                        rows.getLong(2), rows.getLong(1), (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /**
     * analytics-service itself: the other services are stopped so that only it works on the cores, and the
     * gateway does not outlive them in the launcher (noted for the team).
     */
    private static String gateway(Suite suite) {
        return "http://127.0.0.1:" + suite.port(Suite.ANALYTICS_SERVICE);
    }

    private static JsonNode rescore(HttpClient http, Suite suite, String token) throws Exception {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(gateway(suite) + "/api/v1/analytics/rescoring-jobs"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"refit\": true}")).build(), HttpResponse.BodyHandlers.ofString());
        String location = started.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                "no Location: HTTP " + started.statusCode() + " " + started.body())).replace("//localhost:", "//127.0.0.1:");
        while (true) {
            Thread.sleep(1000);
            JsonNode job = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(location)).header("Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            String state = job.get("state").asText();
            if (state.equals("completed") || state.equals("failed")) {
                if (state.equals("failed")) {
                    System.out.println("  failure: " + job.get("failure").asText());
                }
                return job;
            }
            System.out.printf(Locale.ROOT, "  %s %,d / %,d, eta %s s%n", state, job.get("processed").asLong(), job.get("total").asLong(),
                    job.get("etaSeconds").isNull() ? "?" : job.get("etaSeconds").asText());
        }
    }
}
