package io.clientbook.customer.loyalty.dto;

import java.time.Instant;
import java.util.UUID;

/** One ledger line as the API shows it. */
public record LedgerEntry(UUID id, TransactionType type, long points, long balanceAfter, UUID orderId, UUID relatedCustomerId,
        String reason, Instant expiresAt, Instant createdAt, String createdBy) {
}
