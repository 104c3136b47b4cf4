package io.clientbook.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.clientbook.devstack.auth.DevKeys;
import io.clientbook.devstack.infra.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Real HTTP servers standing in for customer-service and analytics-service, each echoing what reached it;
 * interaction-service points at a closed port, to show how the gateway answers for a service that is down.
 */
public class StubServices implements QuarkusTestResourceLifecycleManager {

    /** Where the test's signing keys live, shared by the resource and the tests (different class loaders). */
    public static final Path KEYS = Path.of("target/test-keys");

    private List<HttpServer> servers = List.of();

    @Override
    public Map<String, String> start() {
        HttpServer customer = stub("customer");
        HttpServer analytics = stub("analytics");
        servers = List.of(customer, analytics);
        return Map.of(
                "gateway.services.customer", "http://127.0.0.1:" + customer.getAddress().getPort(),
                "gateway.services.analytics", "http://127.0.0.1:" + analytics.getAddress().getPort(),
                "gateway.services.interaction", "http://127.0.0.1:" + FreePorts.pick(),
                "gateway.request-timeout", "1s",
                "mp.jwt.verify.publickey", DevKeys.loadOrCreate(KEYS).publicKeyPem());
    }

    private static HttpServer stub(String service) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> answer(service, exchange));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests seen per path, for the stubs that fail the first attempts. */
    private static final Map<String, java.util.concurrent.atomic.AtomicInteger> ATTEMPTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static void answer(String service, HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        int attempt = ATTEMPTS.computeIfAbsent(exchange.getRequestMethod() + " " + path, p -> new java.util.concurrent.atomic.AtomicInteger())
                .incrementAndGet();
        // .../drops-<n>/...: the first n attempts lose the connection before any answer (a pod going away)
        // .../busy-<n>/...: the first n attempts answer 503 (a replica not ready)
        // .../shedding-<n>/...: the first n attempts answer 503 with Retry-After (a live service shedding load)
        java.util.regex.Matcher failing = java.util.regex.Pattern.compile("/(drops|busy|shedding)-(\\d+)/").matcher(path);
        if (failing.find() && attempt <= Integer.parseInt(failing.group(2))) {
            if (failing.group(1).equals("drops")) {
                throw new IllegalStateException("the stub drops this connection"); // the JDK server closes it unanswered
            }
            if (failing.group(1).equals("shedding")) {
                exchange.getResponseHeaders().set("Retry-After", "5");
            }
            byte[] busy = "{\"status\": 503}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, busy.length);
            exchange.getResponseBody().write(busy);
            exchange.close();
            return;
        }
        String json;
        if (path.equals("/q/openapi")) {
            json = """
                    {"openapi": "3.1.0", "info": {"title": "%1$s", "version": "1"},
                     "tags": [{"name": "%1$s-tag"}],
                     "paths": {"/api/v1/%1$s-things": {"get": {"tags": ["%1$s-tag"], "responses": {"200": {"description": "ok",
                                 "content": {"application/json": {"schema": {"$ref": "#/components/schemas/%1$sThing"}}}}}}},
                               "/internal/%1$s": {"get": {"responses": {"200": {"description": "ok"}}}}},
                     "components": {"schemas": {"%1$sThing": {"type": "object"}}}}""".formatted(service);
        } else {
            if (path.endsWith("/slow")) {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            json = """
                    {"service": "%s", "method": "%s", "uri": "%s", "authorization": "%s", "requestId": "%s",
                     "forwardedHost": "%s", "bodyLength": %d, "bodySha256": "%s", "attempt": %d}""".formatted(service,
                    exchange.getRequestMethod(), exchange.getRequestURI(), header(exchange, "Authorization"),
                    header(exchange, "X-Request-Id"), header(exchange, "X-Forwarded-Host"), body.length, sha256(body), attempt);
        }
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(path.endsWith("/created") ? 201 : 200, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    private static String header(HttpExchange exchange, String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? "" : value;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        servers.forEach(s -> s.stop(0));
    }
}
