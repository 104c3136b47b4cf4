package io.clientbook.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** The gateway's settings; in a cluster the service URLs come from GATEWAY_SERVICES_* variables. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Base URLs of the services behind the gateway. */
    Services services();

    /** Path patterns and the service that owns them, tried in order; the first match wins. */
    List<Route> routes();

    /** How long the gateway waits for a service before answering 504. */
    @WithDefault("30s")
    Duration requestTimeout();

    /** How long the customer overview waits for each of its parts before listing it as degraded. */
    @WithDefault("2s")
    Duration overviewTimeout();

    /** Connections the gateway keeps to each service (each has its own pool). */
    @WithDefault("32")
    int connectionsPerService();

    /**
     * Further attempts for a {@code GET} or {@code HEAD} without a body whose service could not be reached, closed
     * the connection before answering, or answered 502 or 503 — never for other methods, never after a timeout.
     */
    Retries retries();

    interface Retries {
        /** Attempts after the first (0: no retries). */
        @WithDefault("2")
        int max();

        /** The wait before the first retry, doubled before each next one, with up to 50 % random added. */
        @WithDefault("25ms")
        Duration backoff();
    }

    /** When the gateway stops sending requests to a failing service for a while. */
    CircuitBreaker circuitBreaker();

    interface CircuitBreaker {
        /** Failures in a row (unreachable, timed out, 503) that open the circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit answers 503 before one trial request goes through. */
        @WithDefault("10s")
        Duration openFor();
    }

    /** How long the merged OpenAPI document is cached. */
    @WithDefault("30s")
    Duration openapiCacheTtl();

    /** Requests per principal and route class, counted per gateway replica. */
    RateLimits rateLimits();

    /** Browser origins allowed to call the API (CORS); none by default, never a wildcard. */
    Cors cors();

    /** Authentication failures at the door, published to the audit topic. */
    Audit audit();

    interface Audit {
        /** Publish them at all (off in the gateway's own tests, which run without Kafka). */
        @WithDefault("true")
        boolean enabled();

        /** Events waiting to be sent; beyond it (Kafka away during an attack) new ones are dropped and counted. */
        @WithDefault("10000")
        int queue();
    }

    interface RateLimits {
        @WithDefault("true")
        boolean enabled();

        /** GET and HEAD. */
        Limit reads();

        /** POST, PUT, PATCH, DELETE. */
        Limit writes();

        /** Batch upserts and imports. */
        Limit bulk();
    }

    interface Limit {
        long quota();

        Duration window();
    }

    /** Largest request bodies, by Content-Length: 413 beyond. */
    BodyLimits bodyLimits();

    interface BodyLimits {
        /** Ordinary requests. */
        @WithDefault("1048576")
        long json();

        /** Batch upserts. */
        @WithDefault("33554432")
        long bulk();

        /** Import uploads ({@code POST /api/v1/import-jobs}), which may also stream without a Content-Length. */
        @WithDefault("2147483648")
        long imports();

        /** Shops' webhooks (a large order can pass 1 MiB). */
        @WithDefault("5242880")
        long webhooks();
    }

    interface Cors {
        /** Exact origins such as https://app.example.com. */
        java.util.Optional<List<String>> origins();

        @WithDefault("10m")
        Duration maxAge();
    }

    interface Services {
        URI customer();

        URI interaction();

        URI analytics();
    }

    interface Route {
        /** {@code /api/v1/customers/*}{@code /timeline/**}: '*' one segment, '**' any rest (or nothing). */
        String pattern();

        /** {@code customer}, {@code interaction} or {@code analytics}. */
        String service();

        /** How long to wait for the service on this route; {@code gateway.request-timeout} when unset. */
        java.util.Optional<Duration> timeout();
    }
}
