package io.clientbook.analytics.projection;

import java.util.Set;
import java.util.UUID;

/**
 * Fired (synchronously, inside the event's transaction) when customers' purchases or identity changed:
 * orders recorded or updated, merges, unmerges. {@code erased} customers are gone and must be forgotten.
 */
public record PurchaseHistoryChanged(Set<UUID> changed, Set<UUID> erased) {
}
