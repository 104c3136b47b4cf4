package io.clientbook.interaction.timeline.dto;

import java.util.List;
import java.util.UUID;

/** A page of a customer's timeline, newest first; {@code nextCursor} is null on the last page. */
public record TimelinePage(UUID customerId, List<TimelineItem> items, String nextCursor) {
}
