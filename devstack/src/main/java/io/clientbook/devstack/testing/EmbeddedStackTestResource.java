package io.clientbook.devstack.testing;

import io.clientbook.devstack.auth.DevTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Points a service under {@code @QuarkusTest} at the JVM-wide {@link EmbeddedStack}: its own database
 * (init argument {@code database}, default {@code app}), the broker, and the development JWT key.
 * Nothing is stopped between test classes; the stack goes when the JVM does.
 */
public class EmbeddedStackTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        EmbeddedStack stack = EmbeddedStack.get();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", stack.jdbcUrl(database));
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "");
        config.put("kafka.bootstrap.servers", stack.bootstrapServers());
        // The key itself rather than its location: in test mode smallrye-jwt would otherwise verify with an
        // in-memory key it generated at build time.
        config.put("mp.jwt.verify.publickey", stack.keys().publicKeyPem());
        config.put("mp.jwt.verify.issuer", DevTokens.ISSUER);
        config.put("mp.jwt.verify.audiences", DevTokens.AUDIENCE);
        return config;
    }

    @Override
    public void stop() {
        // The stack is shared by every test class in this JVM and stops with it.
    }
}
