package io.clientbook.analytics.customer;

import io.clientbook.analytics.customer.dto.CustomerAnalyticsView;
import io.clientbook.analytics.score.dto.ScoredCustomerPage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/analytics/customers")
@Tag(name = "Analytics", description = "What analytics knows of each customer, and its current scores")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerAnalyticsResource {

    private final CustomerAnalyticsService customers;

    CustomerAnalyticsResource(CustomerAnalyticsService customers) {
        this.customers = customers;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "manager", "analyst", "sales"})
    @Operation(summary = "A customer's analytics", description = """
            Purchase figures built from events (a new customer appears within seconds) and the current scores from
            the latest fits as of now: P(alive), expected purchases, expected average spend, CLV, churn risk with
            level and reasons, and the fits behind them.""")
    @APIResponse(responseCode = "200", description = "The customer's projection and scores")
    @APIResponse(responseCode = "404", description = "Analytics has no such customer (yet), or it is not the caller's")
    public CustomerAnalyticsView get(@PathParam("id") UUID id) {
        return customers.get(id);
    }

    @GET
    @RolesAllowed({"admin", "manager", "analyst", "sales"})
    @Operation(summary = "Call list by current scores", description = """
            Customers with current scores, filtered by churn level and minimum CLV, sorted by churnRisk or clv
            (- for descending; default -churnRisk). A sales user sees only their own customers.""")
    @APIResponse(responseCode = "200", description = "A page of customers with their scores")
    @APIResponse(responseCode = "400", description = "Unknown churnLevel or sort, bad minClv or cursor")
    public ScoredCustomerPage list(@Parameter(description = "low, medium or high") @QueryParam("churnLevel") String churnLevel,
                                   @QueryParam("minClv") Double minClv,
                                   @Parameter(description = "churnRisk, clv; - for descending") @QueryParam("sort") String sort,
                                   @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return customers.list(churnLevel, minClv, sort, cursor, limit);
    }
}
