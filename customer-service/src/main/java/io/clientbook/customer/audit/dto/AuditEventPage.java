package io.clientbook.customer.audit.dto;

import java.util.List;

/** A page of the audit trail, newest first. */
public record AuditEventPage(List<AuditEventView> items, String nextCursor) {
}
