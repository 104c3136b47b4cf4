package io.clientbook.interaction.plan;

import io.clientbook.interaction.plan.dto.PlanInput;
import io.clientbook.interaction.plan.dto.PlanView;
import io.clientbook.platform.web.Preconditions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/customers/{id}/plans/{year}")
@Tag(name = "Customer plans", description = "The account manager's annual plan for a key customer, with progress from real data")
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {

    private final PlanService plans;

    PlanResource(PlanService plans) {
        this.plans = plans;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "manager", "sales"})
    @Operation(summary = "Set a customer's plan for a year", description = """
            Creates the plan (201) or replaces it (200; If-Match with its ETag required). A sales user plans its own customers only.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanInput.class),
            examples = @ExampleObject(name = "key account", value = """
                    {"goals": {"revenue": {"amount": "50000.00", "currency": "EUR"}, "visits": 8,
                               "satisfaction": {"kind": "nps", "minAverage": 9}},
                     "touches": [{"quarter": 1, "channel": "visit", "count": 2, "note": "Annual review"},
                                 {"quarter": 2, "channel": "phone", "count": 3}],
                     "notes": "Expand to the second warehouse"}""")))
    @APIResponse(responseCode = "201", description = "Created; ETag is its version")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json names each)")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "Replacing without If-Match")
    public Response save(@PathParam("id") UUID customerId, @PathParam("year") int year, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                         @NotNull @Valid PlanInput input) {
        PlanService.Saved saved = plans.save(customerId, year, input, ifMatch);
        return Response.status(saved.created() ? 201 : 200).tag(Preconditions.etag(saved.plan().version())).entity(saved.plan()).build();
    }

    @GET
    @RolesAllowed({"admin", "manager", "sales", "analyst"})
    @Operation(summary = "A customer's plan for a year, with progress", description = """
            Progress from the year's (UTC) orders (not cancelled or refunded) in the goal's currency, visits and meetings,
            interactions per quarter and channel against the planned touches, and the average survey score of the goal's kind.""")
    @APIResponse(responseCode = "200", description = "The plan; ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanView.class)))
    @APIResponse(responseCode = "404", description = "No plan for that year, or a customer the caller may not see")
    public Response get(@PathParam("id") UUID customerId, @PathParam("year") int year) {
        PlanView plan = plans.get(customerId, year);
        return Response.ok(plan).tag(Preconditions.etag(plan.version())).build();
    }
}
