package io.clientbook.events.audit;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.List;

/**
 * Something security-relevant happened: who ({@code actor}, their {@code roles}), what ({@code action} on
 * {@code resourceType}/{@code resourceId}, with the HTTP {@code method}, {@code path} and {@code status}), with
 * which {@code outcome} ({@code allowed}, {@code denied}, {@code failed}), when ({@code at}) and from where
 * ({@code sourceIp}, {@code requestId}), as seen by {@code service}. Never a customer's field: ids only. On
 * {@code clientbook.audit}, keyed by the actor; customer-service keeps them for {@code GET /audit-events}.
 */
public record AuditRecorded(String service, String actor, List<String> roles, String action, String outcome,
                            String resourceType, String resourceId, String method, String path, int status,
                            String requestId, String sourceIp, Instant at) {

    public static final EventType<AuditRecorded> TYPE = EventType.of("audit", "audit.recorded", 1, AuditRecorded.class);

    /** The actor of requests that carried no valid token. */
    public static final String ANONYMOUS = "anonymous";
}
