package io.clientbook.devstack.launcher;

import io.clientbook.devstack.infra.KafkaBroker;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The launcher's Kafka process: {@code KafkaMain LOG_DIR PORT CONTROLLER_PORT}. A single KRaft node whose
 * log directory survives restarts; shuts down cleanly on SIGTERM.
 */
public final class KafkaMain {

    private KafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: KafkaMain LOG_DIR PORT CONTROLLER_PORT");
            System.exit(2);
        }
        KafkaBroker broker = KafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        System.out.println("Kafka ready on " + broker.bootstrapServers());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
                System.out.println("Kafka stopped");
            } finally {
                stopped.countDown();
            }
        }, "kafka-stop"));
        stopped.await();
    }
}
