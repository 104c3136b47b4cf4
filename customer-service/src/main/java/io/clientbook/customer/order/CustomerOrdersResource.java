package io.clientbook.customer.order;

import io.clientbook.customer.order.dto.OrderPage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/customers/{id}/orders")
@Tag(name = "Orders", description = "Purchase history")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerOrdersResource {

    private final OrderService orders;

    CustomerOrdersResource(OrderService orders) {
        this.orders = orders;
    }

    @GET
    @RolesAllowed({"admin", "manager", "sales", "support", "analyst", "integrator"})
    @Operation(summary = "A customer's purchase history", description = "Newest first, cursor-paged.")
    @APIResponse(responseCode = "200", description = "A page of orders")
    @APIResponse(responseCode = "404", description = "No such customer")
    public OrderPage ofCustomer(@PathParam("id") UUID customerId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        return orders.ofCustomer(customerId, cursor, limit);
    }
}
