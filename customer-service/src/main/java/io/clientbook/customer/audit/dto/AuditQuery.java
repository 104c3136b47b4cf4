package io.clientbook.customer.audit.dto;

import java.time.Instant;

/** Filters on the audit trail; every one optional. */
public record AuditQuery(String actor, String action, String outcome, String service, String resourceId,
                         Instant from, Instant to) {
}
