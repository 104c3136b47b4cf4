package io.clientbook.devstack.testing;

import io.clientbook.devstack.auth.DevKeys;
import io.clientbook.devstack.auth.DevTokens;
import io.clientbook.devstack.infra.FreePorts;
import io.clientbook.devstack.infra.KafkaBroker;
import io.clientbook.devstack.infra.PostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * One real PostgreSQL server and one real Kafka broker per test JVM, started on first use and stopped when
 * the JVM exits. Every test class of a module shares them, however often Quarkus restarts.
 */
public final class EmbeddedStack {

    private static EmbeddedStack instance;

    private final Path dir;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final DevKeys keys;

    private EmbeddedStack(Path dir, PostgresServer postgres, KafkaBroker kafka, DevKeys keys) {
        this.dir = dir;
        this.postgres = postgres;
        this.kafka = kafka;
        this.keys = keys;
    }

    public static synchronized EmbeddedStack get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static EmbeddedStack start() {
        try {
            Path dir = Files.createTempDirectory("clientbook-test-stack");
            PostgresServer postgres = PostgresServer.start(dir.resolve("postgres/data"), FreePorts.pick(), true);
            KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"), FreePorts.pick(), FreePorts.pick());
            DevKeys keys = DevKeys.loadOrCreate(dir.resolve("keys"));
            EmbeddedStack stack = new EmbeddedStack(dir, postgres, kafka, keys);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "embedded-stack-stop"));
            return stack;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL and Kafka", e);
        }
    }

    /** The JDBC URL of {@code database}, created on first use. */
    public String jdbcUrl(String database) {
        try {
            postgres.ensureDatabase(database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
        return postgres.jdbcUrl(database);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public DevKeys keys() {
        return keys;
    }

    public DevTokens tokens() {
        return new DevTokens(keys);
    }

    public Path dir() {
        return dir;
    }

    private void stop() {
        try {
            kafka.close();
        } catch (RuntimeException e) {
            System.err.println("embedded Kafka did not stop cleanly: " + e.getMessage());
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }
}
