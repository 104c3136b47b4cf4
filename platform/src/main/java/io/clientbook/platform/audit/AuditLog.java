package io.clientbook.platform.audit;

import io.clientbook.events.audit.AuditRecorded;
import io.clientbook.platform.outbox.Outbox;
import io.clientbook.platform.web.RequestIds;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * Records security-relevant actions and refusals as {@code audit.recorded} events through the outbox: in the
 * caller's transaction when there is one (the action and its audit commit together), otherwise in a
 * transaction of its own (a refused request has nothing else to commit). Who, from where and which request
 * come from the current HTTP request; customer fields never enter a record, only ids.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final Outbox outbox;
    private final Instance<SecurityIdentity> identity;
    private final Instance<CurrentVertxRequest> request;
    private final String service;

    AuditLog(Outbox outbox, Instance<SecurityIdentity> identity, Instance<CurrentVertxRequest> request,
             @ConfigProperty(name = "quarkus.application.name") String service) {
        this.outbox = outbox;
        this.identity = identity;
        this.request = request;
        this.service = service;
    }

    /** An action the caller was allowed to take (an export, a merge, a configuration change ...). */
    public void allowed(String action, String resourceType, String resourceId, int status) {
        record(action, "allowed", resourceType, resourceId, status);
    }

    /** A request refused for its credentials (401) or its role (403). */
    public void denied(int status) {
        record(status == 401 ? "authentication.failed" : "request.denied", "denied", null, null, status);
    }

    private void record(String action, String outcome, String resourceType, String resourceId, int status) {
        try {
            RoutingContext http = currentRequest();
            String actor = AuditRecorded.ANONYMOUS;
            List<String> roles = List.of();
            if (Arc.container().requestContext().isActive()) {
                SecurityIdentity who = identity.get();
                if (!who.isAnonymous()) {
                    actor = who.getPrincipal().getName();
                    roles = who.getRoles().stream().sorted().toList();
                }
            }
            AuditRecorded event = new AuditRecorded(service, actor, roles, action, outcome, resourceType, resourceId,
                    http == null ? null : http.request().method().name(),
                    http == null ? null : http.request().path(), status,
                    http == null ? null : http.request().getHeader(RequestIds.HEADER),
                    http == null ? null : sourceIp(http), Instant.now());
            if (QuarkusTransaction.isActive()) {
                outbox.record(AuditRecorded.TYPE, event.actor(), event);
            } else if (io.vertx.core.Context.isOnEventLoopThread()) {
                // refused before dispatch (the security check runs on the I/O thread): write on a worker
                Infrastructure.getDefaultWorkerPool().execute(() -> writeAlone(event));
            } else {
                writeAlone(event);
            }
        } catch (RuntimeException e) {
            // never turn a refusal or a done action into a 500 because its audit could not be written
            LOG.warnf("Could not record the audit event %s: %s", action, e.getClass().getSimpleName());
        }
    }

    private void writeAlone(AuditRecorded event) {
        try {
            QuarkusTransaction.requiringNew().run(() -> outbox.record(AuditRecorded.TYPE, event.actor(), event));
        } catch (RuntimeException e) {
            LOG.warnf("Could not record the audit event %s: %s", event.action(), e.getClass().getSimpleName());
        }
    }

    private RoutingContext currentRequest() {
        if (!request.isResolvable() || !Arc.container().requestContext().isActive()) {
            return null;
        }
        return request.get().getCurrent();
    }

    /** The client's address as the gateway saw it (first X-Forwarded-For hop), else the peer's. */
    private static String sourceIp(RoutingContext http) {
        String forwarded = http.request().getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].trim();
        }
        return http.request().remoteAddress() == null ? null : http.request().remoteAddress().hostAddress();
    }
}
