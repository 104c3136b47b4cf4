package io.clientbook.interaction.followup;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientbook.interaction.followup.dto.FollowUpInput;
import io.clientbook.interaction.followup.dto.FollowUpPage;
import io.clientbook.interaction.followup.dto.FollowUpView;
import io.clientbook.platform.web.JsonMergePatch;
import io.clientbook.platform.web.Preconditions;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

@Path("/api/v1/follow-ups")
@Tag(name = "Follow-ups", description = "Tasks due for a customer: callbacks, visits, care, win-back; agendas per person and team")
@Produces(MediaType.APPLICATION_JSON)
public class FollowUpResource {

    private final FollowUpService followUps;
    private final SecurityIdentity identity;

    FollowUpResource(FollowUpService followUps, SecurityIdentity identity) {
        this.followUps = followUps;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "manager", "sales", "support"})
    @Operation(summary = "Create a follow-up", description = """
            assigneeId defaults to the caller and teamId to the assignee's team. A sales user creates follow-ups only
            for customers it owns. Idempotency-Key is honoured.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowUpInput.class),
            examples = @ExampleObject(name = "callback", value = """
                    {"customerId": "0b6f3c1e-8a57-4d8e-9a53-2f1d6c7b9e10", "type": "callback", "channel": "phone",
                     "dueAt": "2026-12-01T09:00:00Z", "assigneeId": "u-jonas", "note": "Ask how the machine works out"}""")))
    @APIResponse(responseCode = "201", description = "Created; Location names it, ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowUpView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json with errors[])")
    @APIResponse(responseCode = "404", description = "A customer the caller may not see")
    public Response create(@NotNull @Valid FollowUpInput input, UriInfo uri) {
        FollowUpView created = followUps.create(input, identity.getPrincipal().getName());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .tag(Preconditions.etag(created.version())).entity(created).build();
    }

    @GET
    @RolesAllowed({"admin", "manager", "sales", "support"})
    @Operation(summary = "An agenda", description = """
            Follow-ups by due time, oldest first, cursor-paged. Filters combine: customerId, assigneeId, teamId,
            status (one or several, comma-separated), dueBefore. A sales user sees the follow-ups assigned to it and
            those of its customers.""")
    @APIResponse(responseCode = "200", description = "A page of follow-ups")
    @APIResponse(responseCode = "400", description = "Bad filter, limit or cursor")
    public FollowUpPage list(@QueryParam("customerId") UUID customerId, @QueryParam("assigneeId") String assigneeId,
                             @QueryParam("teamId") UUID teamId,
                             @Parameter(description = "open, done, snoozed, cancelled; several comma-separated") @QueryParam("status") String status,
                             @Parameter(description = "only those due before this instant") @QueryParam("dueBefore") Instant dueBefore,
                             @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return followUps.list(customerId, assigneeId, teamId, status, dueBefore, cursor, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "manager", "sales", "support"})
    @Operation(summary = "A follow-up")
    @APIResponse(responseCode = "200", description = "The follow-up; ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowUpView.class)))
    @APIResponse(responseCode = "404", description = "Unknown, or not visible to the caller")
    public Response get(@PathParam("id") UUID id) {
        FollowUpView view = followUps.get(id);
        return Response.ok(view).tag(Preconditions.etag(view.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @RolesAllowed({"admin", "manager", "sales", "support"})
    @Operation(summary = "Complete, snooze, cancel, reassign or reschedule", description = """
            JSON merge patch of status, dueAt, assigneeId, teamId, outcome and note; If-Match required.
            Completing ("status": "done") needs an outcome; snoozing ("status": "snoozed") a new dueAt in the future.
            Done and cancelled follow-ups are final (409). A new dueAt restarts the overdue clock.""")
    @RequestBody(content = @Content(mediaType = JsonMergePatch.MEDIA_TYPE, examples = {
            @ExampleObject(name = "complete", value = """
                    {"status": "done", "outcome": "reached; ordering the refill pack"}"""),
            @ExampleObject(name = "snooze", value = """
                    {"status": "snoozed", "dueAt": "2026-12-08T09:00:00Z"}""")}))
    @APIResponse(responseCode = "200", description = "The follow-up after the change")
    @APIResponse(responseCode = "400", description = "A field that cannot change, or a rule broken (problem+json names the field)")
    @APIResponse(responseCode = "409", description = "The follow-up is done or cancelled")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response patch(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, JsonNode patch) {
        FollowUpView view = followUps.patch(id, patch, ifMatch);
        return Response.ok(view).tag(Preconditions.etag(view.version())).build();
    }
}
