package io.clientbook.gateway.overview;

import io.clientbook.gateway.GatewayConfig;
import io.clientbook.gateway.web.Problems;
import io.clientbook.gateway.web.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/v1/customers/{id}/export}: everything the suite holds on a person, for a data subject's
 * access request, composed here with the caller's token. customer-service's export comes first and decides:
 * a caller it refuses (403, 404) gets that answer and no other service is asked. Then interaction-service's
 * timeline, follow-ups and tickets (every page; a service that has not heard of the person gives empty lists)
 * and analytics-service's view of the customer. An export must
 * be complete: when any part fails or does not answer in time the answer is 503 naming the service, never a
 * partial document.
 */
public final class CustomerExport {

    /** Pages followed per list before the export gives up (200 items each). */
    private static final int MAX_PAGES = 500;

    private record Answer(int status, JsonObject body) {
    }

    /** A part that could not be read: the service and why. */
    private static final class Incomplete extends RuntimeException {
        final String service;

        Incomplete(String service, String reason) {
            super(reason, null, false, false);
            this.service = service;
        }
    }

    private final Map<String, HttpClient> clients = new LinkedHashMap<>();
    private final Map<String, URI> bases = new LinkedHashMap<>();
    private final long timeoutMillis;

    public CustomerExport(Vertx vertx, GatewayConfig config) {
        GatewayConfig.Services services = config.services();
        bases.put("customer-service", services.customer());
        bases.put("interaction-service", services.interaction());
        bases.put("analytics-service", services.analytics());
        bases.forEach((name, url) -> clients.put(name, vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(4)
                .setKeepAlive(true).setConnectTimeout(5_000))));
        this.timeoutMillis = config.requestTimeout().toMillis();
    }

    public void handle(RoutingContext context) {
        String id = context.pathParam("id");
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            Problems.send(context, "/problems/validation", "Invalid request", 400, "id must be a UUID");
            return;
        }
        String customer = "/api/v1/customers/" + id;
        get(context, "customer-service", customer + "/export").onComplete(base -> {
            if (base.failed() || base.result().status() >= 500) {
                incomplete(context, "customer-service");
                return;
            }
            Answer own = base.result();
            if (own.status() != 200) { // 401, 403, 404: the caller may not export this person; nothing else is read
                int status = own.status();
                Problems.send(context, status == 404 ? "/problems/not-found" : "about:blank",
                        status == 404 ? "Not found" : status == 403 ? "Forbidden" : "Unauthorized", status,
                        status == 404 ? "Customer " + id + " not found" : "Not allowed");
                return;
            }
            Future<JsonArray> timeline = all(context, "interaction-service", customer + "/timeline?limit=200");
            Future<JsonArray> followUps = all(context, "interaction-service", "/api/v1/follow-ups?customerId=" + id + "&limit=200");
            Future<JsonArray> tickets = all(context, "interaction-service", "/api/v1/tickets?customerId=" + id + "&limit=200");
            Future<JsonObject> analytics = get(context, "analytics-service", "/api/v1/analytics/customers/" + id).map(answer -> {
                if (answer.status() == 404) {
                    return null; // analytics knows nothing of this person (no purchases, or not projected yet)
                }
                if (answer.status() != 200) {
                    throw new Incomplete("analytics-service", "status " + answer.status());
                }
                return answer.body();
            });
            Future.all(timeline, followUps, tickets, analytics).onComplete(done -> {
                if (done.failed()) {
                    incomplete(context, done.cause() instanceof Incomplete part ? part.service : "a service");
                    return;
                }
                JsonObject export = new JsonObject()
                        .put("customerId", id)
                        .put("exportedAt", Instant.now().toString())
                        .put("customer-service", own.body())
                        .put("interaction-service", new JsonObject()
                                .put("timeline", timeline.result())
                                .put("followUps", followUps.result())
                                .put("tickets", tickets.result()))
                        .put("analytics-service", analytics.result());
                context.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader("Content-Disposition", "attachment; filename=\"customer-" + id + "-export.json\"")
                        .end(export.encode());
            });
        });
    }

    /** Every item of a list, page after page. */
    private Future<JsonArray> all(RoutingContext context, String service, String firstPage) {
        return page(context, service, firstPage, null, new JsonArray(), 0);
    }

    private Future<JsonArray> page(RoutingContext context, String service, String path, String cursor, JsonArray items, int pages) {
        if (pages >= MAX_PAGES) {
            return Future.failedFuture(new Incomplete(service, "more than " + MAX_PAGES + " pages"));
        }
        String uri = cursor == null ? path : path + "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8);
        return get(context, service, uri).compose(answer -> {
            if (answer.status() == 404 && cursor == null) {
                return Future.succeededFuture(items); // the service holds nothing on this person (or has not heard of them yet)
            }
            if (answer.status() != 200) {
                return Future.failedFuture(new Incomplete(service, "status " + answer.status()));
            }
            answer.body().getJsonArray("items", new JsonArray()).forEach(items::add);
            String next = answer.body().getString("nextCursor");
            return next == null ? Future.succeededFuture(items) : page(context, service, path, next, items, pages + 1);
        });
    }

    private Future<Answer> get(RoutingContext context, String service, String uri) {
        URI base = bases.get(service);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost()).setPort(base.getPort())
                .setURI(uri).setTimeout(timeoutMillis)
                .putHeader(HttpHeaders.ACCEPT, "application/json")
                .putHeader(RequestIds.HEADER, RequestIds.of(context));
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            options.putHeader(HttpHeaders.AUTHORIZATION, authorization);
        }
        if (context.request().remoteAddress() != null) {
            options.putHeader("X-Forwarded-For", context.request().remoteAddress().hostAddress());
        }
        return clients.get(service).request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> {
                    JsonObject json = null;
                    if (response.statusCode() == 200) {
                        try {
                            json = body.toJsonObject();
                        } catch (RuntimeException notJson) {
                            throw new Incomplete(service, "not JSON");
                        }
                    }
                    return new Answer(response.statusCode(), json);
                }))
                .recover(failure -> Future.failedFuture(failure instanceof Incomplete ? failure : new Incomplete(service, failure.getClass().getSimpleName())));
    }

    private static void incomplete(RoutingContext context, String service) {
        context.response().putHeader("Retry-After", "5");
        Problems.send(context, "/problems/export-incomplete", "Export incomplete", 503,
                "The export needs every service's part and " + service + " did not give it; try again shortly");
    }
}
