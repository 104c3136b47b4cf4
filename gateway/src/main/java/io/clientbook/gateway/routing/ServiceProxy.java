package io.clientbook.gateway.routing;

import io.clientbook.gateway.web.Problems;
import io.clientbook.gateway.web.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A reverse proxy to one service (vertx-http-proxy): streams the request and the response, adds the
 * {@code X-Forwarded-*} headers so the service builds {@code Location} URLs for the gateway's address, and
 * answers a problem when the service cannot be reached (503) or does not answer in time (504).
 */
final class ServiceProxy {

    private static final Logger LOG = Logger.getLogger(ServiceProxy.class);

    private final String service;
    private final HttpProxy proxy;
    private final CircuitBreaker breaker;

    ServiceProxy(String service, URI baseUrl, HttpClient client, java.util.function.Function<String, Duration> timeoutFor,
            CircuitBreaker breaker) {
        this.service = service;
        this.breaker = breaker;
        SocketAddress origin = SocketAddress.inetSocketAddress(baseUrl.getPort(), baseUrl.getHost());
        this.proxy = HttpProxy.reverseProxy(client)
                .originRequestProvider((request, httpClient) -> httpClient.request(new RequestOptions()
                        .setServer(origin)
                        .setTimeout(timeoutFor.apply(request.path()).toMillis())))
                .addInterceptor(new Forwarding());
    }

    void handle(RoutingContext context) {
        if (!breaker.allowRequest()) {
            context.response().putHeader("Retry-After", Long.toString(breaker.retryAfterSeconds()));
            Problems.send(context, "/problems/service-unavailable", "Service unavailable", 503, "The " + service
                    + " service is failing; the gateway stopped sending it requests for a moment. Try again shortly");
            return;
        }
        proxy.handle(context.request());
    }

    private final class Forwarding implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            ProxyRequest request = context.request();
            HttpServerRequest incoming = request.proxiedRequest();
            String host = incoming.getHeader("Host");
            if (host != null) {
                request.headers().set("X-Forwarded-Host", host);
            }
            request.headers().set("X-Forwarded-Proto", incoming.scheme() == null ? "http" : incoming.scheme());
            if (incoming.remoteAddress() != null) {
                request.headers().set("X-Forwarded-For", incoming.remoteAddress().hostAddress());
            }
            return context.sendRequest()
                    .onSuccess(response -> {
                        if (response.getStatusCode() == 503) {
                            breaker.failed();
                        } else {
                            breaker.succeeded();
                        }
                    })
                    .recover(failure -> {
                        breaker.failed();
                        return Future.succeededFuture(unavailable(request, failure));
                    });
        }

        private ProxyResponse unavailable(ProxyRequest request, Throwable failure) {
            boolean timedOut = failure instanceof TimeoutException
                    || String.valueOf(failure.getMessage()).toLowerCase().contains("timeout");
            int status = timedOut ? 504 : 503;
            String requestId = request.headers().get(RequestIds.HEADER);
            LOG.warnf("%s did not answer request %s: %s", service, requestId, failure.getClass().getSimpleName());
            String body = Problems.problem(timedOut ? "/problems/service-timeout" : "/problems/service-unavailable",
                    timedOut ? "Gateway timeout" : "Service unavailable", status,
                    "The " + service + " service " + (timedOut ? "did not answer in time" : "cannot be reached right now")
                            + "; try again shortly", request.proxiedRequest().path(), requestId).encode();
            return request.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", Problems.MEDIA_TYPE)
                    .putHeader("Retry-After", "5")
                    .setBody(Body.body(Buffer.buffer(body)));
        }
    }
}
