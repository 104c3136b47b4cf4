package io.clientbook.customer.change.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A page of the change feed. {@code nextCursor} is never null: send it back to continue, even from the end. */
public record ChangePage(List<ChangeItem> items,
        @Schema(description = "Where to continue; at the end of the feed it names the same place until more changes commit")
        String nextCursor) {
}
