package io.clientbook.gateway.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The gateway's own error responses, as RFC 9457 problem details like every service's. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static JsonObject problem(String type, String title, int status, String detail, String instance, String requestId) {
        JsonObject problem = new JsonObject()
                .put("type", type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance);
        if (requestId != null) {
            problem.put("requestId", requestId);
        }
        return problem;
    }

    public static void send(RoutingContext context, String type, String title, int status, String detail) {
        if (context.response().ended()) {
            return;
        }
        JsonObject body = problem(type, title, status, detail, context.request().path(), RequestIds.of(context));
        context.response()
                .setStatusCode(status)
                .putHeader("Content-Type", MEDIA_TYPE)
                .end(body.encode());
    }
}
