package io.clientbook.customer.webhook;

import io.clientbook.customer.customer.Caller;
import io.clientbook.customer.webhook.dto.SendPage;
import io.clientbook.customer.webhook.dto.SendView;
import io.clientbook.customer.webhook.dto.SubscriptionInput;
import io.clientbook.customer.webhook.dto.SubscriptionPage;
import io.clientbook.customer.webhook.dto.SubscriptionView;
import io.clientbook.platform.audit.Audited;
import io.clientbook.platform.web.Preconditions;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/webhook-subscriptions")
@Tag(name = "Webhooks", description = "Clientbook events pushed to your URL, signed, retried, in order per customer")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "integrator"})
public class SubscriptionResource {

    private final Subscriptions subscriptions;
    private final SecurityIdentity identity;

    SubscriptionResource(Subscriptions subscriptions, SecurityIdentity identity) {
        this.subscriptions = subscriptions;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(value = "webhook-subscription.created", resourceType = "webhook-subscription")
    @Operation(summary = "Subscribe a URL to events", description = """
            201 with the subscription and its signing `secret`, shown this once. URLs resolving to private, loopback or
            link-local addresses are refused (400 naming url) unless an admin sets allowPrivateNetwork.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionInput.class),
            examples = @ExampleObject(name = "tier changes and orders", value = """
                    {"url": "https://hooks.example.com/clientbook", "eventTypes": ["customer.updated", "order.*"],
                     "changedFields": ["tier", "lifecycleStage"], "description": "ERP sync"}""")))
    public Response create(SubscriptionInput input, @Context UriInfo uri) {
        SubscriptionView created = subscriptions.create(input, Caller.of(identity));
        return Response.created(uri.getBaseUriBuilder().path("api/v1/webhook-subscriptions").path(created.id().toString()).build())
                .tag(Preconditions.etag(created.version())).entity(created).build();
    }

    @GET
    @Operation(summary = "The webhook subscriptions")
    public SubscriptionPage list() {
        return subscriptions.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A webhook subscription")
    public Response get(@PathParam("id") UUID id) {
        SubscriptionView view = subscriptions.get(id);
        return Response.ok(view).tag(Preconditions.etag(view.version())).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(value = "webhook-subscription.changed", resourceType = "webhook-subscription")
    @Operation(summary = "Change a webhook subscription", description = "The whole subscription as on creation; If-Match required.")
    public Response replace(@PathParam("id") UUID id, SubscriptionInput input, @HeaderParam("If-Match") String ifMatch) {
        SubscriptionView view = subscriptions.replace(id, input, ifMatch, Caller.of(identity));
        return Response.ok(view).tag(Preconditions.etag(view.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @Audited(value = "webhook-subscription.deleted", resourceType = "webhook-subscription")
    @Operation(summary = "Delete a webhook subscription", description = "Its undelivered deliveries are dropped.")
    public Response delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        subscriptions.delete(id, ifMatch);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/secrets")
    @Audited(value = "webhook-subscription.secret-rotated", resourceType = "webhook-subscription")
    @Operation(summary = "Make a new signing secret", description = """
            The answer shows the new secret once. Deliveries are signed with every active secret (one v1= per secret in
            X-Clientbook-Signature); the older ones expire after 24 h, time to switch the receiver over.""")
    public Response rotateSecret(@PathParam("id") UUID id) {
        SubscriptionView view = subscriptions.rotateSecret(id);
        return Response.ok(view).tag(Preconditions.etag(view.version())).build();
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The subscription's deliveries, newest first", description = "status: pending, sending, delivered, dead.")
    public SendPage deliveries(@PathParam("id") UUID id, @QueryParam("status") String status, @QueryParam("cursor") String cursor,
                               @QueryParam("limit") Integer limit) {
        return subscriptions.sends(id, status, cursor, limit);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @Audited(value = "webhook-delivery.redelivered", resourceType = "webhook-subscription")
    @Operation(summary = "Send a delivery again", description = "A dead (or delivered) one, now; 202.")
    public Response redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        SendView send = subscriptions.redeliver(id, deliveryId);
        return Response.accepted(send).build();
    }
}
