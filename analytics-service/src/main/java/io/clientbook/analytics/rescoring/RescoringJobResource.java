package io.clientbook.analytics.rescoring;

import io.clientbook.analytics.rescoring.dto.RescoringJobRequest;
import io.clientbook.analytics.rescoring.dto.RescoringJobView;
import io.quarkus.security.identity.SecurityIdentity;
import io.clientbook.platform.audit.Audited;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/analytics/rescoring-jobs")
@Tag(name = "Rescoring", description = "Refit the models, rescore and reclassify every customer")
@Produces(MediaType.APPLICATION_JSON)
public class RescoringJobResource {

    private final RescoringJobService jobs;
    private final SecurityIdentity identity;

    RescoringJobResource(RescoringJobService jobs, SecurityIdentity identity) {
        this.jobs = jobs;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "manager"})
    @Operation(summary = "Start a full rescoring", description = """
            Refits the models (unless refit is false), rescores every customer with a purchase, measures the book
            afresh (RFM quintiles, ABC floors) and reclassifies everyone; publishes only changes. Runs nightly too.
            Answers 202 with the job's Location; while a job is queued or running, a new request answers 202 with
            that job instead of starting another.""")
    @RequestBody(required = false, content = @Content(examples = @ExampleObject(name = "Rescore without refitting",
            value = "{\"refit\": false}")))
    @APIResponse(responseCode = "202", description = "Queued (or already active); poll the Location")
    @Audited(value = "rescoring.requested", resourceType = "rescoring-job")
    public Response start(RescoringJobRequest request, @Context UriInfo uri) {
        boolean refit = request == null || request.refitOrDefault();
        RescoringJobView job = jobs.request(refit, "api", identity.getPrincipal().getName()).job();
        return Response.accepted(job).location(uri.getAbsolutePathBuilder().path(job.id().toString()).build()).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "manager", "analyst"})
    @Operation(summary = "A rescoring job", description = "Its state, how many customers it has processed of how many, and an estimate of the time left.")
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "404", description = "No such job")
    public RescoringJobView get(@PathParam("id") UUID id) {
        return jobs.get(id);
    }
}
