package io.clientbook.customer.customer.dto;

import java.util.List;

/** Duplicate candidates, most likely first. All fit one page, so {@code nextCursor} is always null. */
public record DuplicatePage(List<DuplicateMatch> items, String nextCursor) {
}
