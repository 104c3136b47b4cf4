package io.clientbook.gateway.web;

import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an {@code X-Request-Id}: the caller's when it is plain and short, else a new UUID.
 * It is forwarded to the service, echoed in the response and put in the log context.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "requestId";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    public static void assign(RoutingContext context) {
        String id = context.request().getHeader(HEADER);
        if (id == null || !ACCEPTABLE.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
        }
        context.request().headers().set(HEADER, id);
        context.put(KEY, id);
        String echoed = id;
        context.addHeadersEndHandler(v -> context.response().headers().set(HEADER, echoed));
        MDC.put(KEY, id);
        context.next();
    }

    public static String of(RoutingContext context) {
        return context.get(KEY);
    }
}
