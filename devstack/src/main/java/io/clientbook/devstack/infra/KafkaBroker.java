package io.clientbook.devstack.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process) on 127.0.0.1.
 * Its log directory is formatted once and survives restarts, so a restarted broker keeps its topics,
 * offsets and committed consumer positions.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CLUSTER_ID = "Y2xpZW50Ym9vay1kZXZzdA";

    private final KafkaRaftServer server;
    private final int port;

    private KafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a broker on {@code port} (clients) and {@code controllerPort} (KRaft quorum). */
    public static KafkaBroker start(Path logDir, int port, int controllerPort) throws IOException {
        Files.createDirectories(logDir);
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", logDir.toAbsolutePath().toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("log.flush.interval.messages", "1"),
                Map.entry("num.network.threads", "2"),
                Map.entry("num.io.threads", "2"),
                Map.entry("background.threads", "2"),
                Map.entry("log.cleaner.enable", "false")));
        format(logDir, props);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new KafkaBroker(server, port);
    }

    /** Formats the log directory unless it already holds a formatted cluster. */
    private static void format(Path logDir, Properties props) throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Path config = Files.createTempFile("kafka-devstack", ".properties");
        try {
            try (var out = Files.newOutputStream(config)) {
                props.store(out, "Clientbook devstack broker");
            }
            var output = new ByteArrayOutputStream();
            int exitCode;
            try (var print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                exitCode = StorageTool.execute(
                        new String[] {"format", "-t", CLUSTER_ID, "-c", config.toString(), "--ignore-formatted"}, print);
            } catch (Exception e) {
                throw new IOException("formatting " + logDir + " failed: " + output, e);
            }
            if (exitCode != 0) {
                throw new IOException("formatting " + logDir + " failed (" + exitCode + "): " + output);
            }
        } finally {
            Files.deleteIfExists(config);
        }
    }

    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
