package io.clientbook.customer.customer.dto;

import java.time.Instant;
import java.util.Map;

/**
 * Criteria of {@code GET /customers}: {@code q} matches names and company by prefix (tolerating small typos)
 * and e-mails and phones exactly after normalisation; the rest are filters, all combined with AND.
 *
 * @param sort       {@code displayName}, {@code createdAt} or {@code updatedAt}, with {@code -} for descending
 * @param attributes custom attribute equality filters ({@code attr.loyaltyCard=A-1})
 */
public record CustomerQuery(String q, String email, String phone, String tag, String tier, String lifecycleStage,
                            String ownerId, String source, Instant createdAfter, Instant createdBefore,
                            Instant updatedAfter, Map<String, String> attributes, String sort, String cursor,
                            Integer limit) {
}
