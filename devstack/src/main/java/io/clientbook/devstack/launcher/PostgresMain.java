package io.clientbook.devstack.launcher;

import io.clientbook.devstack.infra.PostgresServer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * The launcher's PostgreSQL process: {@code PostgresMain DATA_DIR PORT DATABASE...}. Keeps the data
 * directory between runs, creates the missing databases, and stops the server on SIGTERM.
 */
public final class PostgresMain {

    private PostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: PostgresMain DATA_DIR PORT DATABASE...");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        PostgresServer server = PostgresServer.start(dataDir, port, false);
        for (String database : Arrays.copyOfRange(args, 2, args.length)) {
            server.ensureDatabase(database);
        }
        System.gc(); // unpacking the binaries took heap this process will not need again
        System.out.println("PostgreSQL ready on 127.0.0.1:" + port + " with databases "
                + String.join(", ", Arrays.copyOfRange(args, 2, args.length)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                System.out.println("PostgreSQL stopped");
            } catch (Exception e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "postgres-stop"));
        stopped.await();
    }
}
