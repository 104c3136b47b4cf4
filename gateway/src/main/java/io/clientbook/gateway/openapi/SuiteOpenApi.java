package io.clientbook.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.clientbook.gateway.GatewayConfig;
import io.clientbook.gateway.web.Problems;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One OpenAPI document for the whole suite: each service's {@code /api/v1/...} paths, schemas and tags,
 * fetched from the services and merged, under one bearer-token security scheme. Cached briefly; a service
 * that cannot be reached is left out and named under {@code x-unavailable-services}.
 */
@ApplicationScoped
public class SuiteOpenApi {

    private static final Logger LOG = Logger.getLogger(SuiteOpenApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final GatewayConfig config;
    private final Vertx vertx;
    private volatile HttpClient client;
    private volatile Cached cached;

    private record Cached(ObjectNode document, Instant fetchedAt) {
    }

    SuiteOpenApi(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    public void serve(RoutingContext context) {
        boolean json = "json".equalsIgnoreCase(context.request().getParam("format"))
                || String.valueOf(context.request().getHeader("Accept")).contains("application/json");
        document().onComplete(result -> {
            if (result.failed()) {
                Problems.send(context, "/problems/internal", "Internal error", 500, "The API document could not be built");
                return;
            }
            try {
                context.response()
                        .putHeader("Content-Type", json ? "application/json;charset=UTF-8" : "application/yaml;charset=UTF-8")
                        .end(json ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result.result())
                                : YAML.writeValueAsString(result.result()));
            } catch (Exception e) {
                Problems.send(context, "/problems/internal", "Internal error", 500, "The API document could not be written");
            }
        });
    }

    Future<ObjectNode> document() {
        Cached current = cached;
        if (current != null && current.fetchedAt().plus(config.openapiCacheTtl()).isAfter(Instant.now())) {
            return Future.succeededFuture(current.document());
        }
        Map<String, URI> services = new LinkedHashMap<>();
        services.put("customer", config.services().customer());
        services.put("interaction", config.services().interaction());
        services.put("analytics", config.services().analytics());
        List<String> names = new ArrayList<>(services.keySet());
        List<Future<JsonNode>> fetches = names.stream().map(name -> fetch(services.get(name))).toList();
        return Future.join(fetches).transform(ignored -> {
            Map<String, JsonNode> documents = new LinkedHashMap<>();
            List<String> unavailable = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                if (fetches.get(i).succeeded()) {
                    documents.put(names.get(i), fetches.get(i).result());
                } else {
                    unavailable.add(names.get(i));
                    LOG.debugf("OpenAPI of %s unavailable: %s", names.get(i), fetches.get(i).cause().getMessage());
                }
            }
            ObjectNode merged = merge(documents, unavailable);
            if (unavailable.isEmpty()) {
                cached = new Cached(merged, Instant.now());
            }
            return Future.succeededFuture(merged);
        });
    }

    private Future<JsonNode> fetch(URI base) {
        return client().request(new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setHost(base.getHost())
                        .setPort(base.getPort())
                        .setURI("/q/openapi?format=json")
                        // headers set, never null: the OpenTelemetry client instrumentation adds traceparent to them
                        .putHeader("Accept", "application/json")
                        .setTimeout(5_000))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200
                        ? response.body()
                        : Future.failedFuture("status " + response.statusCode()))
                .map(body -> {
                    try {
                        return JSON.readTree(body.getBytes());
                    } catch (Exception e) {
                        throw new IllegalStateException("not an OpenAPI document", e);
                    }
                });
    }

    /** Merges the services' documents; only public {@code /api/v1/} paths are kept. */
    static ObjectNode merge(Map<String, JsonNode> documents, List<String> unavailable) {
        ObjectNode merged = JSON.createObjectNode();
        merged.put("openapi", "3.1.0");
        ObjectNode info = merged.putObject("info");
        info.put("title", "Clientbook API");
        info.put("version", "1.0");
        info.put("description", "The whole Clientbook suite behind one gateway. Every /api/v1 call needs a bearer "
                + "token (RS256 JWT); errors are application/problem+json (RFC 9457). See docs/api-guide.md.");
        merged.putArray("servers").addObject().put("url", "/");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        components.putObject("securitySchemes").putObject("jwt")
                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
        merged.putArray("security").addObject().putArray("jwt");
        ArrayNode tags = merged.putArray("tags");
        List<String> tagNames = new ArrayList<>();

        documents.forEach((service, document) -> {
            document.path("paths").properties().forEach(path -> {
                if (path.getKey().startsWith("/api/v1/") && !paths.has(path.getKey())) {
                    paths.set(path.getKey(), path.getValue());
                }
            });
            document.path("components").path("schemas").properties().forEach(schema -> {
                JsonNode existing = schemas.get(schema.getKey());
                if (existing == null) {
                    schemas.set(schema.getKey(), schema.getValue());
                } else if (!existing.equals(schema.getValue())) {
                    LOG.warnf("Schema %s differs between services; %s's version is left out", schema.getKey(), service);
                }
            });
            document.path("tags").forEach(tag -> {
                String name = tag.path("name").asText();
                if (!tagNames.contains(name)) {
                    tagNames.add(name);
                    tags.add(tag);
                }
            });
        });
        paths.set("/api/v1/customers/{id}/overview", overviewPath());
        if (tagNames.stream().noneMatch("Customer overview"::equals)) {
            tags.addObject().put("name", "Customer overview").put("description", "The 360° view the gateway composes from every service");
        }
        if (!unavailable.isEmpty()) {
            ArrayNode missing = merged.putArray("x-unavailable-services");
            unavailable.forEach(missing::add);
        }
        return merged;
    }

    /** The gateway's own path: the customer overview composed from the services. */
    private static JsonNode overviewPath() {
        try {
            return JSON.readTree("""
                    {"get": {"tags": ["Customer overview"], "summary": "A customer's 360° view",
                      "description": "Composed by the gateway, in parallel and with the caller's token: profile (customer-service), analytics (scores, churn risk, CLV), loyalty, recentOrders (5), latestInteractions (5), openTickets (with SLA state), nextFollowUps (5). A part whose service fails or does not answer within gateway.overview-timeout is null and named in degraded; the answer is still 200. A customer the caller may not see is a 404.",
                      "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
                      "responses": {
                        "200": {"description": "The overview", "content": {"application/json": {"schema": {"type": "object",
                          "properties": {"customerId": {"type": "string", "format": "uuid"}, "profile": {"type": ["object", "null"]},
                            "analytics": {"type": ["object", "null"]}, "loyalty": {"type": ["object", "null"]},
                            "recentOrders": {"type": ["array", "null"]}, "latestInteractions": {"type": ["array", "null"]},
                            "openTickets": {"type": ["array", "null"]}, "nextFollowUps": {"type": ["array", "null"]},
                            "degraded": {"type": "array", "items": {"type": "string"}}}},
                          "example": {"customerId": "0b6f3c1e-8a57-4d8e-9a53-2f1d6c7b9e10", "profile": {"displayName": "Ann Lee"},
                            "analytics": null, "loyalty": {"balance": 120}, "recentOrders": [], "latestInteractions": [], "openTickets": [],
                            "nextFollowUps": [], "degraded": ["analytics"]}}}},
                        "404": {"description": "Unknown, or a customer the caller may not see"}}}}""");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = vertx.createHttpClient();
                }
            }
        }
        return client;
    }
}
