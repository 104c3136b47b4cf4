package io.clientbook.interaction.interaction;

import io.clientbook.interaction.interaction.dto.InteractionInput;
import io.clientbook.interaction.interaction.dto.InteractionView;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/interactions")
@Tag(name = "Interactions", description = "Calls, e-mails, SMS, chats, visits, meetings and notes")
@Produces(MediaType.APPLICATION_JSON)
public class InteractionResource {

    private final InteractionService interactions;
    private final SecurityIdentity identity;

    InteractionResource(InteractionService interactions, SecurityIdentity identity) {
        this.interactions = interactions;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "manager", "sales", "support"})
    @Operation(summary = "Record an interaction", description = """
            Puts a contact on the customer's timeline. occurredAt defaults to now and may not lie in the future;
            agentId defaults to the caller. A customer merged into another is recorded on the survivor. A sales user
            records only for customers it owns (others answer 404). Idempotency-Key is honoured.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InteractionInput.class),
            examples = @ExampleObject(name = "callback", value = """
                    {"customerId": "0b6f3c1e-8a57-4d8e-9a53-2f1d6c7b9e10", "channel": "phone", "direction": "outbound",
                     "occurredAt": "2026-11-20T09:30:00Z", "durationSeconds": 240, "subject": "Post-purchase callback",
                     "summary": "Happy with the coffee machine; asked about descaling tablets.", "outcome": "reached",
                     "orderId": "5e0c7a9d-2b43-4f1e-8c6a-9d7e1f2a3b4c"}""")))
    @APIResponse(responseCode = "201", description = "Recorded; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InteractionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json with errors[])")
    @APIResponse(responseCode = "404", description = "A customer the caller may not see")
    public Response record(@NotNull @Valid InteractionInput input, UriInfo uri) {
        InteractionView created = interactions.record(input, identity.getPrincipal().getName());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "manager", "sales", "support"})
    @Operation(summary = "An interaction")
    @APIResponse(responseCode = "200", description = "The interaction",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InteractionView.class)))
    @APIResponse(responseCode = "404", description = "Unknown, erased, or of a customer the caller may not see")
    public InteractionView get(@PathParam("id") UUID id) {
        return interactions.get(id);
    }
}
