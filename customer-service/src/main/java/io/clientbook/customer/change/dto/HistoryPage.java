package io.clientbook.customer.change.dto;

import java.util.List;

/** A customer's history, newest first; {@code nextCursor} is null on the last page. */
public record HistoryPage(List<HistoryEntry> items, String nextCursor) {
}
