package io.clientbook.customer.change;

import io.clientbook.customer.change.dto.ChangePage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/changes")
@Tag(name = "Change feed", description = "Every customer and order change in commit order, to resume a sync exactly where it stopped")
@Produces(MediaType.APPLICATION_JSON)
public class ChangeFeedResource {

    private final ChangeFeed feed;

    ChangeFeedResource(ChangeFeed feed) {
        this.feed = feed;
    }

    @GET
    @RolesAllowed({"admin", "integrator"})
    @Operation(summary = "Read the change feed", description = """
            Changes oldest first. Without cursor the feed starts at the oldest retained change (30 days by default).
            nextCursor is always returned: store it and send it back to continue, also when a page is empty. No change
            is skipped or repeated, even when writes commit out of order; a change appears once the transactions
            running when it was written have ended, usually within milliseconds. Read the record for its current state.""")
    @APIResponse(responseCode = "200", description = "A page of changes", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = """
                    {"items": [{"position": "NzcxOjEwMQ", "entity": "customer", "id": "0b7e3f5a-3c1d-4c7e-9a51-8f7e0a1d2c3b",
                      "customerId": "0b7e3f5a-3c1d-4c7e-9a51-8f7e0a1d2c3b", "type": "customer.updated", "version": 3,
                      "changedFields": ["emails", "tags"], "occurredAt": "2026-01-31T10:00:00Z"}],
                     "nextCursor": "NzcxOjEwMQ"}""")))
    @APIResponse(responseCode = "400", description = "The cursor or limit is not valid")
    public ChangePage read(@Parameter(description = "nextCursor (or an item's position) from an earlier page") @QueryParam("cursor") String cursor,
            @Parameter(description = "1 to 200, default 50") @QueryParam("limit") Integer limit) {
        return feed.read(cursor, limit);
    }
}
