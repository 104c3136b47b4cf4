package io.clientbook.customer.audit.dto;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One entry of the audit trail: who did what to which resource, when, from where, with which outcome. */
public record AuditEventView(UUID id, Instant at, String service, String actor, List<String> roles, String action,
                             String outcome, String resourceType, String resourceId, String method, String path,
                             int status, String requestId, String sourceIp) {
}
