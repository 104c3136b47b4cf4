package io.clientbook.benchmarks;

import io.clientbook.devstack.infra.FreePorts;
import io.clientbook.devstack.launcher.Suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The suite a benchmark runs on: always fresh, in benchmarks/target, on a free gateway port. */
final class BenchmarkSuites {

    private BenchmarkSuites() {
    }

    /**
     * A suite whose state lives in {@code benchmarks/target/<name>}, emptied first: old data would skew the
     * figures, and recorded ports could collide with the freshly picked gateway port.
     */
    static Suite fresh(String name) throws IOException {
        Path root = Path.of(System.getProperty("clientbook.root", ".")).toAbsolutePath().normalize();
        Path home = root.resolve("benchmarks/target/" + name);
        if (Files.exists(home)) {
            try (var paths = Files.walk(home)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Files.createDirectories(home);
        return new Suite(root, home, "127.0.0.1", FreePorts.pick(), line -> System.err.println("[suite] " + line));
    }

    private static final java.util.List<String> CONSUMER_GROUPS = java.util.List.of("analytics-service", "interaction-service", "customer-service-loyalty");

    /** Waits until the outbox is drained and every consumer group has read every event; returns seconds. */
    static double awaitQuiet(io.clientbook.devstack.launcher.Suite suite) throws Exception {
        long started = System.nanoTime();
        try (java.sql.Connection customers = java.sql.DriverManager.getConnection(suite.jdbcUrl("customer"), io.clientbook.devstack.infra.PostgresServer.USER, "");
             var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of("bootstrap.servers", suite.kafkaBootstrapServers()))) {
            while (true) {
                long unpublished = scalar(customers, "select count(*) from outbox where published_at is null");
                long lag = 0;
                for (String group : CONSUMER_GROUPS) {
                    var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                    var latest = admin.listOffsets(committed.keySet().stream().collect(java.util.stream.Collectors.toMap(
                            tp -> tp, tp -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
                    for (var entry : committed.entrySet()) {
                        lag += latest.get(entry.getKey()).offset() - (entry.getValue() == null ? 0 : entry.getValue().offset());
                    }
                }
                if (unpublished == 0 && lag == 0) {
                    return (System.nanoTime() - started) / 1e9;
                }
                System.err.printf(java.util.Locale.ROOT, "  waiting: %,d events unpublished, consumers %,d events behind%n", unpublished, lag);
                java.util.concurrent.TimeUnit.SECONDS.sleep(2);
            }
        }
    }

    private static long scalar(java.sql.Connection c, String sql) throws Exception {
        try (var rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

}
