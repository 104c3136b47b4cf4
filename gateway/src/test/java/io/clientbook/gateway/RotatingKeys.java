package io.clientbook.gateway;

import com.sun.net.httpserver.HttpServer;
import io.clientbook.devstack.auth.DevKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An identity provider's JWKS endpoint whose key set a test can change (the set lives in a file, shared
 * across the test's and the application's class loaders), beside the stub services. The gateway reads its
 * keys from this URL instead of a configured public key.
 */
public class RotatingKeys implements QuarkusTestResourceLifecycleManager {

    static final Path DIR = Path.of("target/jwks-rotation");
    static final Path JWKS = DIR.resolve("jwks.json");

    private final StubServices services = new StubServices();
    private HttpServer jwks;

    /**
     * The endpoint's port, picked once per JVM and kept in a system property: the test profile names the
     * location at build time (so Quarkus does not generate a test key pair) and this resource, loaded by
     * another class loader, binds the same port.
     */
    static int port() {
        synchronized (System.class) {
            String port = System.getProperty("clientbook.test.jwks-port");
            if (port == null) {
                port = Integer.toString(io.clientbook.devstack.infra.FreePorts.pick());
                System.setProperty("clientbook.test.jwks-port", port);
            }
            return Integer.parseInt(port);
        }
    }

    static String location() {
        return "http://127.0.0.1:" + port() + "/jwks";
    }

    /** The key pair published under {@code kid}. */
    static DevKeys key(String kid) {
        return DevKeys.loadOrCreate(DIR.resolve(kid));
    }

    /** Publishes exactly these keys. */
    static void publish(String... kids) {
        String keys = java.util.Arrays.stream(kids).map(kid -> {
            RSAPublicKey key = (RSAPublicKey) key(kid).publicKey();
            return "{\"kty\": \"RSA\", \"use\": \"sig\", \"alg\": \"RS256\", \"kid\": \"%s\", \"n\": \"%s\", \"e\": \"%s\"}"
                    .formatted(kid, base64Url(key.getModulus()), base64Url(key.getPublicExponent()));
        }).collect(Collectors.joining(", "));
        try {
            Files.createDirectories(DIR);
            Files.writeString(JWKS, "{\"keys\": [" + keys + "]}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        publish("key-a");
        try {
            jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jwks.createContext("/jwks", exchange -> {
            byte[] body = Files.readString(JWKS).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        Map<String, String> config = new HashMap<>(services.start());
        config.remove("mp.jwt.verify.publickey");
        config.put("mp.jwt.verify.publickey.location", location());
        // a token naming a key id the gateway has not seen makes it fetch the set again (no wait between fetches here)
        config.put("smallrye.jwt.jwks.forced-refresh-interval", "0");
        return config;
    }

    @Override
    public void stop() {
        services.stop();
        if (jwks != null) {
            jwks.stop(0);
        }
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
