package io.clientbook.customer.integration;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientbook.customer.customer.Caller;
import io.clientbook.customer.integration.dto.ShopConnectionInput;
import io.clientbook.customer.integration.dto.ShopConnectionPage;
import io.clientbook.customer.integration.dto.ShopConnectionView;
import io.clientbook.platform.audit.Audited;
import io.clientbook.platform.web.Preconditions;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
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

@Path("/api/v1/integrations/shops")
@Tag(name = "Integrations", description = "Shops that send webhooks, and what became of each delivery")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "integrator"})
public class ShopConnectionResource {

    private final ShopConnections connections;
    private final SecurityIdentity identity;

    ShopConnectionResource(ShopConnections connections, SecurityIdentity identity) {
        this.connections = connections;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(value = "shop.connected", resourceType = "shop-connection")
    @Operation(summary = "Connect a shop", description = """
            The answer gives the webhook URL to configure in the shop. The secret is stored encrypted and never returned;
            409 when the shop is already connected.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShopConnectionInput.class),
            examples = @ExampleObject(name = "Shopify", value = """
                    {"platform": "shopify", "domain": "store-a.myshopify.com", "webhookSecret": "shpss_…", "currency": "USD"}""")))
    @APIResponse(responseCode = "201", description = "Connected", content = @Content(schema = @Schema(implementation = ShopConnectionView.class)))
    public Response connect(ShopConnectionInput input, @Context UriInfo uri) {
        ShopConnectionView view = connections.connect(input, Caller.of(identity), uri.getBaseUri());
        return Response.created(uri.getBaseUriBuilder().path("api/v1/integrations/shops").path(view.id().toString()).build())
                .tag(Preconditions.etag(view.version())).entity(view).build();
    }

    @GET
    @Operation(summary = "The connected shops")
    public ShopConnectionPage list(@Context UriInfo uri) {
        return connections.list(uri.getBaseUri());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A connected shop")
    public Response get(@PathParam("id") UUID id, @Context UriInfo uri) {
        ShopConnectionView view = connections.get(id, uri.getBaseUri());
        return Response.ok(view).tag(Preconditions.etag(view.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @Audited(value = "shop.changed", resourceType = "shop-connection")
    @Operation(summary = "Change a shop's webhook secret or currency", description = """
            JSON merge patch of `webhookSecret` and `currency`; `If-Match` required. A new secret applies at once: deliveries
            signed with the old one are refused from then on.""")
    public Response change(@PathParam("id") UUID id, JsonNode patch, @HeaderParam("If-Match") String ifMatch, @Context UriInfo uri) {
        ShopConnectionView view = connections.change(id, patch, ifMatch, uri.getBaseUri());
        return Response.ok(view).tag(Preconditions.etag(view.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @Audited(value = "shop.disconnected", resourceType = "shop-connection")
    @Operation(summary = "Disconnect a shop", description = "Its webhooks are refused from then on; its customers and orders stay.")
    @APIResponse(responseCode = "204", description = "Disconnected")
    public Response disconnect(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        connections.disconnect(id, ifMatch);
        return Response.noContent().build();
    }
}
