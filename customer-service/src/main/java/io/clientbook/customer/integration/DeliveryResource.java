package io.clientbook.customer.integration;

import io.clientbook.customer.integration.dto.DeliveryPage;
import io.clientbook.customer.integration.dto.DeliveryView;
import io.clientbook.platform.audit.Audited;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/integrations/deliveries")
@Tag(name = "Integrations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "integrator"})
public class DeliveryResource {

    private final DeliveryLog log;
    private final DeliveryProcessor processor;

    DeliveryResource(DeliveryLog log, DeliveryProcessor processor) {
        this.log = log;
        this.processor = processor;
    }

    @GET
    @Operation(summary = "Webhook deliveries, newest first", description = "What each delivery a shop sent became; `status=failed` "
            + "lists the parked ones with the reason.")
    public DeliveryPage list(@Parameter(description = "`pending`, `processed`, `skipped` or `failed`") @QueryParam("status") String status,
                             @Parameter(description = "a shop connection's id") @QueryParam("shopId") UUID shopId,
                             @Parameter(description = "e.g. `orders/create`") @QueryParam("topic") String topic,
                             @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return log.list(status, shopId, topic, cursor, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One webhook delivery")
    public DeliveryView get(@PathParam("id") UUID id) {
        return log.get(id);
    }

    @POST
    @Path("/{id}/retry")
    @Audited(value = "webhook-delivery.retried", resourceType = "webhook-delivery")
    @Operation(summary = "Process a delivery again", description = "Typically a parked (failed) one after its cause was fixed; "
            + "202, and the delivery shows the outcome once processed. 409 when its body is no longer kept.")
    @APIResponse(responseCode = "202", description = "Queued")
    public Response retry(@PathParam("id") UUID id, @Context UriInfo uri) {
        DeliveryView queued = log.retry(id);
        processor.wake();
        return Response.accepted(queued).location(uri.getBaseUriBuilder().path("api/v1/integrations/deliveries").path(id.toString()).build())
                .build();
    }
}
