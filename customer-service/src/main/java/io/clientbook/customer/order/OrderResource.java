package io.clientbook.customer.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.clientbook.customer.customer.Caller;
import io.clientbook.customer.customer.CustomerService.Outcome;
import io.clientbook.customer.order.dto.OrderInput;
import io.clientbook.customer.order.dto.OrderView;
import io.clientbook.platform.web.Preconditions;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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


@Path("/api/v1/orders")
@Tag(name = "Orders", description = "Purchase history")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final OrderService orders;
    private final SecurityIdentity identity;

    OrderResource(OrderService orders, SecurityIdentity identity) {
        this.orders = orders;
        this.identity = identity;
    }

    @PUT
    @Path("/by-external-id/{source}/{externalId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "manager", "integrator"})
    @Operation(summary = "Record or update an order by its id in the shop", description = """
            201 when recorded (order.recorded), 200 when updated (order.updated) or unchanged. An order naming an unknown
            customer by source and externalId creates that customer.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderInput.class),
            examples = @ExampleObject(name = "shop order", value = """
                    {"customer": {"source": "shopify:store-a.myshopify.com", "externalId": "123"},
                     "placedAt": "2026-01-31T10:00:00Z", "status": "paid", "currency": "USD", "total": "29.34",
                     "discountTotal": "0.00", "channel": "online",
                     "lineItems": [{"sku": "TEA-1", "name": "Green tea", "category": "tea", "quantity": "2", "unitPrice": "14.67"}]}""")))
    @APIResponse(responseCode = "201", description = "Recorded")
    @APIResponse(responseCode = "200", description = "Updated or unchanged")
    public Response upsert(@PathParam("source") String source, @PathParam("externalId") String externalId, OrderInput input,
            UriInfo uri) throws JsonProcessingException {
        OrderService.WriteResult result = orders.upsertByExternalId(source, externalId, input, Caller.of(identity));
        Response.ResponseBuilder response = result.outcome() == Outcome.CREATED ? Response.created(uri.getRequestUri()) : Response.ok();
        return response.tag(Preconditions.etag(result.order().version())).entity(result.order()).build();
    }

    @GET
    @Path("/by-external-id/{source}/{externalId}")
    @RolesAllowed({"admin", "manager", "sales", "support", "analyst", "integrator"})
    @Operation(summary = "Read an order by its id in the shop")
    @APIResponse(responseCode = "200", description = "The order", content = @Content(schema = @Schema(implementation = OrderView.class)))
    public Response get(@PathParam("source") String source, @PathParam("externalId") String externalId) {
        OrderView order = orders.get(source, externalId);
        return Response.ok(order).tag(Preconditions.etag(order.version())).build();
    }
}
