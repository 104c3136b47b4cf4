package io.clientbook.platform.web;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request has an id: the caller's {@code X-Request-Id} (as forwarded by the gateway) or a new one.
 * It is echoed in the response, put in the log context and quoted in problem details.
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** Caller-supplied ids are kept only when short and plain, so they cannot forge log lines. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @RouteFilter(1000)
    void assign(RoutingContext context) {
        String id = context.request().getHeader(HEADER);
        if (id == null || !ACCEPTABLE.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
            context.request().headers().set(HEADER, id);
        }
        context.response().putHeader(HEADER, id);
        MDC.put("requestId", id);
        context.next();
    }

    public static String current(ContainerRequestContext request) {
        return request == null ? null : request.getHeaderString(HEADER);
    }
}
