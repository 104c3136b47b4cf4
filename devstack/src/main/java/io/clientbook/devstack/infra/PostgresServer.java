package io.clientbook.devstack.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 17 server (zonky's embedded binaries) on 127.0.0.1. Its data directory survives
 * restarts unless the caller asks for a clean one; each service gets a database of its own.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;
    private final int port;

    private PostgresServer(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    /**
     * Starts PostgreSQL with its data in {@code dataDir} (created by initdb when empty).
     *
     * @param clean wipe the data directory first (tests), or keep it (the launcher)
     */
    public static PostgresServer start(Path dataDir, int port, boolean clean) throws IOException {
        Files.createDirectories(dataDir.getParent());
        Path workDir = dataDir.getParent().resolve("binaries");
        Path unpacked = workDir.resolve(".unpacked");
        if (Files.exists(workDir) && !Files.exists(unpacked)) {
            deleteTree(workDir); // an earlier start died while unpacking; zonky would trip over the leftovers
        }
        Files.createDirectories(workDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(clean)
                .setOverrideWorkingDirectory(workDir.toFile())
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "32MB")
                .setServerConfig("fsync", clean ? "off" : "on")
                .start();
        Files.writeString(unpacked, "binaries unpacked completely\n");
        return new PostgresServer(postgres, port);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return jdbcUrl(port, database);
    }

    public static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates the database unless it exists already. */
    public void ensureDatabase(String database) throws SQLException {
        ensureDatabase(port, database);
    }

    public static void ensureDatabase(int port, String database) throws SQLException {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a database name: " + database);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(port, "postgres"), USER, "")) {
            try (var check = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                check.setString(1, database);
                if (check.executeQuery().next()) {
                    return;
                }
            }
            try (var create = c.createStatement()) {
                create.execute("create database " + database);
            }
        }
    }

    /** True when the server answers a query. */
    public static boolean isReady(int port) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(port, "postgres"), USER, "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
