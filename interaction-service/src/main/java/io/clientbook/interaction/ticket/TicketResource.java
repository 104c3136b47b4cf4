package io.clientbook.interaction.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientbook.interaction.ticket.dto.CommentInput;
import io.clientbook.interaction.ticket.dto.CommentView;
import io.clientbook.interaction.ticket.dto.TicketInput;
import io.clientbook.interaction.ticket.dto.TicketPage;
import io.clientbook.interaction.ticket.dto.TicketView;
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

import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/tickets")
@Tag(name = "Tickets", description = "Service tickets and complaints with SLA clocks and escalation")
@Produces(MediaType.APPLICATION_JSON)
public class TicketResource {

    private final TicketService tickets;
    private final SecurityIdentity identity;

    TicketResource(TicketService tickets, SecurityIdentity identity) {
        this.tickets = tickets;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "manager", "sales", "support"})
    @Operation(summary = "Open a ticket", description = """
            The first matching SLA policy sets the first-response and resolution due times. On the customer's timeline.
            A sales user opens tickets only for its own customers. Idempotency-Key is honoured.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TicketInput.class),
            examples = @ExampleObject(name = "complaint", value = """
                    {"customerId": "0b6f3c1e-8a57-4d8e-9a53-2f1d6c7b9e10", "type": "complaint", "priority": "high", "channel": "phone",
                     "subject": "Coffee machine leaks", "description": "Second time in a month; wants a replacement."}""")))
    @APIResponse(responseCode = "201", description = "Opened; Location names it, ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json with errors[])")
    public Response open(@NotNull @Valid TicketInput input, UriInfo uri) {
        TicketView t = tickets.open(input, identity.getPrincipal().getName());
        return Response.created(uri.getAbsolutePathBuilder().path(t.id().toString()).build()).tag(Preconditions.etag(t.version())).entity(t).build();
    }

    @GET
    @RolesAllowed({"admin", "manager", "sales", "support"})
    @Operation(summary = "Tickets", description = "Newest first, cursor-paged; filters combine. status takes several values, comma-separated.")
    public TicketPage list(@QueryParam("customerId") UUID customerId,
                           @Parameter(description = "new, open, pending, resolved, closed") @QueryParam("status") String status,
                           @QueryParam("assigneeId") String assigneeId, @QueryParam("teamId") UUID teamId,
                           @Parameter(description = "true: a target was missed") @QueryParam("breached") Boolean breached,
                           @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return tickets.list(customerId, status, assigneeId, teamId, breached, cursor, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "manager", "sales", "support"})
    @Operation(summary = "A ticket with its SLA clock")
    @APIResponse(responseCode = "200", description = "The ticket; ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "404", description = "Unknown, or of a customer the caller may not see")
    public Response get(@PathParam("id") UUID id) {
        TicketView t = tickets.get(id);
        return Response.ok(t).tag(Preconditions.etag(t.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @RolesAllowed({"admin", "manager", "sales", "support"})
    @Operation(summary = "Work a ticket", description = """
            JSON merge patch of status, priority, assigneeId, teamId, subject and description; If-Match required.
            pending pauses the resolution clock until the ticket leaves pending; resolved publishes ticket.resolved (which
            care rules can follow); resolved or closed tickets are reopened with status open and get their full resolution
            target again.""")
    @RequestBody(content = @Content(mediaType = JsonMergePatch.MEDIA_TYPE, examples = {
            @ExampleObject(name = "wait for the customer", value = """
                    {"status": "pending"}"""),
            @ExampleObject(name = "resolve", value = """
                    {"status": "resolved"}""")}))
    @APIResponse(responseCode = "200", description = "The ticket after the change")
    @APIResponse(responseCode = "400", description = "A field that cannot change or a bad value (problem+json names it)")
    @APIResponse(responseCode = "409", description = "A status change that is not allowed")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response patch(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, JsonNode patch) {
        TicketView t = tickets.patch(id, patch, ifMatch);
        return Response.ok(t).tag(Preconditions.etag(t.version())).build();
    }

    @POST
    @Path("/{id}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "manager", "sales", "support"})
    @Operation(summary = "Comment on a ticket", description = "public: seen by the customer; the first public comment is the first response.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommentInput.class),
            examples = @ExampleObject(name = "first response", value = """
                    {"body": "We are sorry — a replacement is on its way.", "public": true}""")))
    @APIResponse(responseCode = "201", description = "Added")
    public Response comment(@PathParam("id") UUID id, @NotNull @Valid CommentInput input) {
        return Response.status(201).entity(tickets.comment(id, input, identity.getPrincipal().getName())).build();
    }

    @GET
    @Path("/{id}/comments")
    @RolesAllowed({"admin", "manager", "sales", "support"})
    @Operation(summary = "A ticket's comments, oldest first")
    public Map<String, List<CommentView>> comments(@PathParam("id") UUID id) {
        return Map.of("items", tickets.comments(id));
    }
}
