package io.clientbook.customer.privacy;

import io.clientbook.customer.privacy.dto.ErasureRequestView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/erasure-requests")
@Tag(name = "Privacy")
@Produces(MediaType.APPLICATION_JSON)
public class ErasureRequestResource {

    private final PrivacyService privacy;

    ErasureRequestResource(PrivacyService privacy) {
        this.privacy = privacy;
    }

    @GET
    @Path("/{requestId}")
    @RolesAllowed({"admin", "manager"})
    @Operation(summary = "An erasure request and each service's state")
    @APIResponse(responseCode = "200", description = "The request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErasureRequestView.class)))
    @APIResponse(responseCode = "404", description = "No such request")
    public ErasureRequestView get(@PathParam("requestId") UUID requestId) {
        return privacy.get(requestId);
    }
}
