package io.clientbook.gateway.routing;

import io.clientbook.gateway.GatewayConfig;
import io.clientbook.gateway.auth.TokenCheck;
import io.clientbook.gateway.edge.EdgePolicy;
import io.clientbook.gateway.overview.CustomerExport;
import io.clientbook.gateway.overview.CustomerOverview;
import io.clientbook.gateway.openapi.SuiteOpenApi;
import io.clientbook.gateway.web.Problems;
import io.clientbook.gateway.web.RequestIds;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's routes, ahead of everything Quarkus serves: a request id for every request, the merged
 * OpenAPI document, for {@code /api/**} token verification then the proxy to the owning service, and for
 * {@code /webhooks/**} (shops, signed bodies) the proxy alone.
 */
@ApplicationScoped
public class GatewayRoutes {

    private final GatewayConfig config;
    private final TokenCheck tokens;
    private final SuiteOpenApi openApi;
    private final EdgePolicy edge;

    GatewayRoutes(GatewayConfig config, TokenCheck tokens, SuiteOpenApi openApi, EdgePolicy edge) {
        this.edge = edge;
        this.config = config;
        this.tokens = tokens;
        this.openApi = openApi;
    }

    void install(@Observes Router router, Vertx vertx) {
        GatewayConfig.Services services = config.services();
        RouteTable table = new RouteTable(config.routes().stream()
                .map(r -> {
                    if (!Set.of("customer", "interaction", "analytics").contains(r.service())) {
                        throw new IllegalArgumentException("route " + r.pattern() + " names unknown service " + r.service());
                    }
                    return new RouteTable.Entry(r.pattern(), r.service(), r.timeout());
                })
                .toList());
        // a connection pool and a circuit per service: a slow analytics-service cannot starve customer calls
        Map<String, ServiceProxy> proxies = Map.of(
                "customer", proxy("customer", services.customer(), vertx, table),
                "interaction", proxy("interaction", services.interaction(), vertx, table),
                "analytics", proxy("analytics", services.analytics(), vertx, table));

        router.route().order(-300).handler(RequestIds::assign);
        router.route(HttpMethod.GET, "/q/openapi").order(-290).handler(openApi::serve);
        router.route("/api/*").order(-287).handler(edge::securityHeaders);
        router.route("/api/*").order(-285).handler(edge::cors);
        router.route("/api/*").order(-283).handler(edge::bodyLimit);
        router.route("/api/*").order(-280).handler(tokens::handle);
        router.route("/api/*").order(-275).handler(edge::rateLimit);
        vertx.setPeriodic(60_000, id -> edge.forgetIdleCounters());
        CustomerOverview overview = new CustomerOverview(vertx, config);
        router.route(HttpMethod.GET, "/api/v1/customers/:id/overview").order(-272).handler(overview::handle);
        CustomerExport export = new CustomerExport(vertx, config);
        router.route(HttpMethod.GET, "/api/v1/customers/:id/export").order(-271).handler(export::handle);
        router.route("/api/*").order(-270).handler(context -> proxyToOwner(context, table, proxies));
        // Shops' webhooks: no token (the owning service verifies each body's signature), no per-principal rate limit
        // (a shop that hears 429 retries later or, WooCommerce, disables the hook); the body limit still applies.
        router.route(HttpMethod.POST, "/webhooks/*").order(-269).handler(edge::securityHeaders);
        router.route(HttpMethod.POST, "/webhooks/*").order(-268).handler(edge::bodyLimit);
        router.route(HttpMethod.POST, "/webhooks/*").order(-267).handler(context -> proxyToOwner(context, table, proxies));
    }

    private static void proxyToOwner(io.vertx.ext.web.RoutingContext context, RouteTable table, Map<String, ServiceProxy> proxies) {
        table.serviceFor(context.request().path())
                .map(proxies::get)
                .ifPresentOrElse(proxy -> proxy.handle(context),
                        () -> Problems.send(context, "about:blank", "Not Found", 404, "No resource at this path"));
    }

    private ServiceProxy proxy(String name, URI url, Vertx vertx, RouteTable table) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(config.connectionsPerService())
                .setKeepAlive(true)
                .setConnectTimeout(5_000)
                .setIdleTimeout(60));
        GatewayConfig.CircuitBreaker circuit = config.circuitBreaker();
        return new ServiceProxy(name, url, client, path -> table.timeoutFor(path).orElse(config.requestTimeout()),
                new CircuitBreaker(circuit.failureThreshold(), circuit.openFor(), System::currentTimeMillis), vertx,
                config.retries().max(), config.retries().backoff());
    }
}
