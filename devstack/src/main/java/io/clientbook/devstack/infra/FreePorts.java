package io.clientbook.devstack.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback ports: picking a free one, and telling whether something listens on one. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * Ports are picked below Linux's ephemeral range (32768-60999), where the kernel puts the local end of
     * outgoing connections: a port picked from that range can be taken by some client's connection (a Kafka
     * client, a JDBC pool) between the pick and the server binding it. Never the same port twice per process.
     */
    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;
    private static final java.util.Set<Integer> PICKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A port that was free on 127.0.0.1 a moment ago, outside the range outgoing connections use. */
    public static int pick() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(LOW, HIGH);
            if (!PICKED.contains(port) && isFree(port) && PICKED.add(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** True when a TCP connection to 127.0.0.1:port succeeds. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when nothing listens and a server socket can bind the port on 127.0.0.1. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
