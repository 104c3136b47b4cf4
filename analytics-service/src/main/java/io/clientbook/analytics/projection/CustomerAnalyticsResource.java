package io.clientbook.analytics.projection;

import io.clientbook.analytics.projection.dto.CustomerAnalyticsView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/analytics/customers")
@Tag(name = "Analytics", description = "What analytics knows of each customer")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerAnalyticsResource {

    private final CustomerProjectionService projections;

    CustomerAnalyticsResource(CustomerProjectionService projections) {
        this.projections = projections;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "manager", "analyst", "sales"})
    @Operation(summary = "A customer's analytics", description = "Built from events; a new customer appears within seconds.")
    @APIResponse(responseCode = "200", description = "The customer's projection")
    @APIResponse(responseCode = "404", description = "Analytics has no such customer (yet)")
    public CustomerAnalyticsView get(@PathParam("id") UUID id) {
        return projections.get(id);
    }
}
