package io.clientbook.interaction.timeline;

import io.clientbook.interaction.timeline.dto.TimelinePage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/customers/{id}/timeline")
@Tag(name = "Timeline", description = "Everything that happened between the company and a customer")
@Produces(MediaType.APPLICATION_JSON)
public class TimelineResource {

    private final TimelineService timeline;

    TimelineResource(TimelineService timeline) {
        this.timeline = timeline;
    }

    @GET
    @RolesAllowed({"admin", "manager", "sales", "support"})
    @Operation(summary = "A customer's timeline", description = "Newest first, cursor-paged, filterable by kind.")
    @APIResponse(responseCode = "200", description = "A page of the timeline")
    @APIResponse(responseCode = "400", description = "Bad kind, limit or cursor")
    @APIResponse(responseCode = "404", description = "No timeline for this customer (yet)")
    public TimelinePage get(@PathParam("id") UUID customerId,
            @Parameter(description = "customer-event, interaction, follow-up, ticket or survey-response") @QueryParam("kind") String kind,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "1 to 200, default 50") @QueryParam("limit") Integer limit) {
        return timeline.page(customerId, kind, cursor, limit);
    }
}
