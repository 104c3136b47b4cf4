package io.clientbook.customer.customer;

import io.clientbook.customer.customer.dto.CreateCustomerRequest;
import io.clientbook.customer.customer.dto.CustomerView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/customers")
@Tag(name = "Customers", description = "Customer records")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final CustomerService customers;
    private final JsonWebToken caller;

    CustomerResource(CustomerService customers, JsonWebToken caller) {
        this.customers = customers;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({"admin", "manager", "sales", "integrator"})
    @Operation(summary = "Create a customer", description = "Stores the customer and emits customer.created.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new customer")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json with errors[])")
    public Response create(CreateCustomerRequest request, UriInfo uri) {
        CustomerView created = customers.create(request, caller.getSubject());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created)
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "manager", "sales", "support", "analyst", "integrator"})
    @Operation(summary = "Read a customer")
    @APIResponse(responseCode = "200", description = "The customer")
    @APIResponse(responseCode = "404", description = "No such customer")
    public CustomerView get(@PathParam("id") UUID id) {
        return customers.get(id);
    }
}
