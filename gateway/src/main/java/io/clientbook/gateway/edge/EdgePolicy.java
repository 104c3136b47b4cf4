package io.clientbook.gateway.edge;

import io.clientbook.gateway.GatewayConfig;
import io.clientbook.gateway.auth.TokenCheck;
import io.clientbook.gateway.web.Problems;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What every {@code /api} request meets at the front door besides routing: CORS for configured origins
 * only, security headers on every answer, and rate limits per principal and route class with
 * {@code RateLimit-Policy}/{@code RateLimit} headers (IETF draft) and {@code 429} + {@code Retry-After}.
 */
@ApplicationScoped
public class EdgePolicy {

    private static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, X-Request-Id";
    private static final String EXPOSED_HEADERS = "ETag, Location, X-Request-Id, RateLimit, RateLimit-Policy, Retry-After, Idempotent-Replayed";

    private final GatewayConfig config;
    private final RateLimiter limiter = new RateLimiter();
    private final Set<String> origins;
    private final Duration longestWindow;

    EdgePolicy(GatewayConfig config) {
        this.config = config;
        this.origins = Set.copyOf(config.cors().origins().orElse(List.of()));
        GatewayConfig.RateLimits limits = config.rateLimits();
        this.longestWindow = Stream.of(limits.reads(), limits.writes(), limits.bulk()).map(GatewayConfig.Limit::window)
                .max(Duration::compareTo).orElseThrow();
    }

    /** Answers CORS preflights itself (they carry no token) and marks allowed origins on real requests. */
    public void cors(RoutingContext context) {
        String origin = context.request().getHeader("Origin");
        if (origin == null) {
            context.next();
            return;
        }
        boolean allowed = origins.contains(origin);
        boolean preflight = context.request().method() == HttpMethod.OPTIONS
                && context.request().getHeader("Access-Control-Request-Method") != null;
        HttpServerResponse response = context.response();
        response.putHeader("Vary", "Origin");
        if (preflight) {
            if (!allowed) {
                Problems.send(context, "/problems/origin-not-allowed", "Origin not allowed", 403,
                        "This origin may not call the API from a browser");
                return;
            }
            response.putHeader("Access-Control-Allow-Origin", origin)
                    .putHeader("Access-Control-Allow-Methods", ALLOWED_METHODS)
                    .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .putHeader("Access-Control-Max-Age", Long.toString(config.cors().maxAge().toSeconds()))
                    .setStatusCode(204).end();
            return;
        }
        if (allowed) {
            response.putHeader("Access-Control-Allow-Origin", origin).putHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
        context.next();
    }

    /**
     * Refuses a body larger than its route allows (413) before it is read or forwarded. Only an import upload may
     * stream without a {@code Content-Length} (its size is unknown in advance, and the service counts as it reads);
     * any other API body without one is refused (411), so no service is ever sent a JSON body of unknown size.
     */
    public void bodyLimit(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        boolean upload = isImportUpload(context);
        if (length == null) {
            if (context.request().getHeader("Transfer-Encoding") != null && !upload && context.request().path().startsWith("/api/")) {
                Problems.send(context, "/problems/length-required", "Length required", 411,
                        "Send this request with a Content-Length; only import uploads (POST /api/v1/import-jobs) may stream");
                return;
            }
            context.next();
            return;
        }
        long limit = upload ? config.bodyLimits().imports()
                : context.request().path().startsWith("/webhooks/") ? config.bodyLimits().webhooks()
                : "bulk".equals(routeClass(context)) ? config.bodyLimits().bulk() : config.bodyLimits().json();
        long size;
        try {
            size = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            Problems.send(context, "/problems/bad-request", "Bad request", 400, "Content-Length is not a number");
            return;
        }
        if (size > limit) {
            context.response().putHeader("Connection", "close");
            Problems.send(context, "/problems/body-too-large", "Request body too large", 413,
                    "This request may carry at most " + limit + " bytes; it announced " + size);
            return;
        }
        context.next();
    }

    private static boolean isImportUpload(RoutingContext context) {
        String path = context.request().path();
        return context.request().method() == HttpMethod.POST && (path.equals("/api/v1/import-jobs") || path.equals("/api/v1/import-jobs/"));
    }

    /** API answers are never cached or sniffed, whoever produced them. */
    public void securityHeaders(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> context.response().headers()
                .set("X-Content-Type-Options", "nosniff")
                .set("Cache-Control", "no-store"));
        context.next();
    }

    /** Counts the request against its principal's quota for its route class; 429 when the quota is spent. */
    public void rateLimit(RoutingContext context) {
        GatewayConfig.RateLimits limits = config.rateLimits();
        if (!limits.enabled()) {
            context.next();
            return;
        }
        String routeClass = routeClass(context);
        GatewayConfig.Limit limit = switch (routeClass) {
            case "bulk" -> limits.bulk();
            case "reads" -> limits.reads();
            default -> limits.writes();
        };
        String principal = context.get(TokenCheck.SUBJECT);
        RateLimiter.Decision decision = limiter.acquire(principal + "\u0000" + routeClass, limit.quota(), limit.window(),
                System.currentTimeMillis());
        String policy = "\"" + routeClass + "\";q=" + decision.quota() + ";w=" + decision.windowSeconds();
        String state = "\"" + routeClass + "\";r=" + decision.remaining() + ";t=" + decision.resetSeconds();
        context.addHeadersEndHandler(ignored -> context.response().headers().set("RateLimit-Policy", policy).set("RateLimit", state));
        if (!decision.allowed()) {
            context.response().putHeader("Retry-After", Long.toString(decision.resetSeconds()));
            Problems.send(context, "/problems/rate-limited", "Too many requests", 429, "The " + routeClass + " quota of "
                    + decision.quota() + " requests per " + decision.windowSeconds() + " s is spent; retry after "
                    + decision.resetSeconds() + " s");
            return;
        }
        context.next();
    }

    /** Drops idle counters; the gateway calls this every minute. */
    public void forgetIdleCounters() {
        limiter.forgetEnded(longestWindow, System.currentTimeMillis());
    }

    static String routeClass(RoutingContext context) {
        String path = context.request().path();
        if (path.endsWith("/batch-upsert") || path.startsWith("/api/v1/import-jobs") && context.request().method() == HttpMethod.POST) {
            return "bulk";
        }
        HttpMethod method = context.request().method();
        return method == HttpMethod.GET || method == HttpMethod.HEAD ? "reads" : "writes";
    }
}
