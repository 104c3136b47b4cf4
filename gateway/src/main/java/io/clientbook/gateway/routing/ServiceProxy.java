package io.clientbook.gateway.routing;

import io.clientbook.gateway.web.Problems;
import io.clientbook.gateway.web.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
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
 * answers a problem when the service cannot be reached (503) or does not answer in time (504). Safe requests
 * without a body are retried (see {@code attempt}).
 */
final class ServiceProxy {

    private static final Logger LOG = Logger.getLogger(ServiceProxy.class);

    private final String service;
    private final HttpProxy proxy;
    private final CircuitBreaker breaker;
    private final Vertx vertx;
    private final int maxRetries;
    private final Duration backoff;

    ServiceProxy(String service, URI baseUrl, HttpClient client, java.util.function.Function<String, Duration> timeoutFor,
            CircuitBreaker breaker, Vertx vertx, int maxRetries, Duration backoff) {
        this.service = service;
        this.breaker = breaker;
        this.vertx = vertx;
        this.maxRetries = maxRetries;
        this.backoff = backoff;
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
            boolean retryable = maxRetries > 0 && retryable(incoming);
            if (retryable) {
                request.setBody(Body.body(Buffer.buffer())); // nothing to read, so each attempt can send it again
            }
            return attempt(context, request, retryable, 0);
        }

        /**
         * Sends the request; a safe request without a body is sent again after a short wait when the service
         * could not be reached, dropped the connection before answering, or answered 502/503 (another replica, or
         * the same one a moment later, usually can) — as long as the breaker lets requests through. A timeout is
         * never retried: the caller's time is spent, and a slow service should not get the request twice.
         */
        private Future<ProxyResponse> attempt(ProxyContext context, ProxyRequest request, boolean retryable, int retry) {
            return context.sendRequest().transform(outcome -> {
                boolean again = retryable && retry < maxRetries;
                if (outcome.succeeded()) {
                    ProxyResponse response = outcome.result();
                    int status = response.getStatusCode();
                    if (status == 503 && response.headers().get("Retry-After") != null) {
                        // a live service shedding load on purpose (the webhook intake when its queue is full) says
                        // when to come back; that is no failure of the service, so the circuit does not count it
                    } else if (status == 503) {
                        breaker.failed();
                    } else {
                        breaker.succeeded();
                    }
                    if (again && (status == 502 || status == 503) && breaker.allowRequest()) {
                        response.release();
                        return retryLater(context, request, retry, "answered " + status);
                    }
                    return Future.succeededFuture(response);
                }
                Throwable failure = outcome.cause();
                breaker.failed();
                if (again && !timedOut(failure) && breaker.allowRequest()) {
                    return retryLater(context, request, retry, failure.getClass().getSimpleName());
                }
                return Future.succeededFuture(unavailable(request, failure));
            });
        }

        private Future<ProxyResponse> retryLater(ProxyContext context, ProxyRequest request, int retry, String why) {
            long wait = backoff.toMillis() << retry;
            wait += java.util.concurrent.ThreadLocalRandom.current().nextLong(wait / 2 + 1);
            LOG.debugf("%s %s: retry %d in %d ms", service, why, retry + 1, wait);
            Promise<ProxyResponse> later = Promise.promise();
            vertx.setTimer(Math.max(1, wait), timer -> attempt(context, request, true, retry + 1).onComplete(later));
            return later.future();
        }

        private static boolean retryable(HttpServerRequest incoming) {
            boolean safe = incoming.method() == HttpMethod.GET || incoming.method() == HttpMethod.HEAD;
            String length = incoming.getHeader("Content-Length");
            return safe && (length == null || length.equals("0")) && incoming.getHeader("Transfer-Encoding") == null;
        }

        private static boolean timedOut(Throwable failure) {
            return failure instanceof TimeoutException || String.valueOf(failure.getMessage()).toLowerCase().contains("timeout");
        }

        private ProxyResponse unavailable(ProxyRequest request, Throwable failure) {
            boolean timedOut = timedOut(failure);
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
