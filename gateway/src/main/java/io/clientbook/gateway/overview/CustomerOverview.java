package io.clientbook.gateway.overview;

import io.clientbook.gateway.GatewayConfig;
import io.clientbook.gateway.web.Problems;
import io.clientbook.gateway.web.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/v1/customers/{id}/overview}: a customer's 360° view composed here from every service, in
 * parallel, with the caller's token (so each service applies its own roles and ownership). A part whose
 * service fails or does not answer in time is null and named in {@code degraded}; the answer is still 200.
 * A customer the caller may not see (404 from customer-service) is a 404 with no parts at all.
 */
public final class CustomerOverview {

    /** One part: where it comes from and how to take it out of the service's answer. */
    private record Part(String name, String service, String path, boolean list) {
    }

    private record Answer(Part part, int status, Buffer body, boolean failed) {
    }

    private final Map<String, HttpClient> clients = new LinkedHashMap<>();
    private final Map<String, URI> bases = new LinkedHashMap<>();
    private final long timeoutMillis;

    public CustomerOverview(Vertx vertx, GatewayConfig config) {
        GatewayConfig.Services services = config.services();
        bases.put("customer", services.customer());
        bases.put("interaction", services.interaction());
        bases.put("analytics", services.analytics());
        bases.forEach((name, url) -> clients.put(name, vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(8).setKeepAlive(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.overviewTimeout().toMillis())))));
        this.timeoutMillis = config.overviewTimeout().toMillis();
    }

    public void handle(RoutingContext context) {
        String id = context.pathParam("id");
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            Problems.send(context, "/problems/validation", "Invalid request", 400, "id must be a UUID");
            return;
        }
        String c = "/api/v1/customers/" + id;
        List<Part> parts = List.of(
                new Part("profile", "customer", c, false),
                new Part("analytics", "analytics", "/api/v1/analytics/customers/" + id, false),
                new Part("loyalty", "customer", c + "/loyalty", false),
                new Part("recentOrders", "customer", c + "/orders?limit=5", true),
                new Part("latestInteractions", "interaction", c + "/timeline?kind=interaction&limit=5", true),
                new Part("openTickets", "interaction", "/api/v1/tickets?customerId=" + id + "&status=new,open,pending&limit=20", true),
                new Part("nextFollowUps", "interaction", "/api/v1/follow-ups?customerId=" + id + "&status=open,snoozed&limit=5", true));
        List<Future<Answer>> answers = new ArrayList<>();
        for (Part part : parts) {
            answers.add(fetch(part, context));
        }
        Future.join(answers).onComplete(done -> respond(context, id, answers.stream().map(Future::result).toList()));
    }

    private Future<Answer> fetch(Part part, RoutingContext context) {
        URI base = bases.get(part.service());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost()).setPort(base.getPort())
                .setURI(part.path()).setTimeout(timeoutMillis)
                .putHeader(HttpHeaders.ACCEPT, "application/json")
                .putHeader(RequestIds.HEADER, RequestIds.of(context));
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            options.putHeader(HttpHeaders.AUTHORIZATION, authorization);
        }
        return clients.get(part.service()).request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> new Answer(part, response.statusCode(), body, false)))
                .otherwise(failure -> new Answer(part, 0, null, true));
    }

    private static void respond(RoutingContext context, String id, List<Answer> answers) {
        Answer profile = answers.getFirst();
        if (profile.status() == 404 || profile.status() == 403 || profile.status() == 401) {
            int status = profile.status();
            Problems.send(context, status == 404 ? "/problems/not-found" : "about:blank", status == 404 ? "Not found"
                    : status == 403 ? "Forbidden" : "Unauthorized", status, status == 404 ? "Customer " + id + " not found" : "Not allowed");
            return;
        }
        JsonObject overview = new JsonObject().put("customerId", id);
        JsonArray degraded = new JsonArray();
        for (Answer a : answers) {
            Object value = null;
            if (a.failed() || a.status() >= 500) {
                degraded.add(a.part().name());
            } else if (a.status() == 200) {
                try {
                    JsonObject json = a.body().toJsonObject();
                    value = a.part().list() ? json.getJsonArray("items", new JsonArray()) : json;
                } catch (RuntimeException notJson) {
                    degraded.add(a.part().name());
                }
            } // 401/403/404 for a part: the caller may not see it, or there is none yet (no scores): null, not degraded
            overview.put(a.part().name(), value);
        }
        overview.put("degraded", degraded);
        context.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(overview.encode());
    }
}
