package io.clientbook.interaction.message;

import io.clientbook.interaction.message.dto.MessageView;
import io.clientbook.interaction.message.dto.OutcomeInput;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/messages")
@Tag(name = "Messages", description = "Care messages requested from a delivery adapter, and their outcomes")
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    private final MessageService messages;

    MessageResource(MessageService messages) {
        this.messages = messages;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "manager", "sales", "support", "integrator"})
    @Operation(summary = "A message and its status")
    @APIResponse(responseCode = "200", description = "The message",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "404", description = "Unknown, or of a customer the caller may not see")
    public MessageView get(@PathParam("id") UUID id) {
        return messages.get(id);
    }

    @POST
    @Path("/{id}/outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "integrator"})
    @Operation(summary = "Report what became of a message", description = """
            For delivery adapters (integrator role). delivered, opened, bounced or unsubscribed; the same outcome twice
            changes nothing. unsubscribed revokes the consent for the message's channel and purpose; bounced with
            "permanent": true revokes the channel for every purpose (consent.revoked; customer-service updates the record).""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OutcomeInput.class),
            examples = {@ExampleObject(name = "unsubscribed", value = """
                    {"outcome": "unsubscribed", "at": "2026-11-22T18:04:00Z"}"""),
                    @ExampleObject(name = "hard bounce", value = """
                    {"outcome": "bounced", "permanent": true}""")}))
    @APIResponse(responseCode = "200", description = "The message with its new status")
    @APIResponse(responseCode = "404", description = "No such message")
    @APIResponse(responseCode = "409", description = "The message was never requested (scheduled or suppressed)")
    public MessageView outcome(@PathParam("id") UUID id, @NotNull @Valid OutcomeInput input) {
        return messages.outcome(id, input);
    }
}
