package io.clientbook.analytics.fit;

import io.clientbook.analytics.fit.dto.FitRequest;
import io.clientbook.analytics.fit.dto.FitView;
import io.quarkus.security.identity.SecurityIdentity;
import io.clientbook.platform.audit.Audited;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/analytics/models/fits")
@Tag(name = "Models", description = "BG/NBD, Pareto/NBD and Gamma-Gamma fitted by maximum likelihood")
@Produces(MediaType.APPLICATION_JSON)
public class FitResource {

    private final FitService fits;
    private final SecurityIdentity identity;

    FitResource(FitService fits, SecurityIdentity identity) {
        this.fits = fits;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "manager", "analyst"})
    @Operation(summary = "Fit a model", description = """
            Fits the model by maximum likelihood on every customer whose first purchase is on or before the
            calibration end, using only purchases up to that day (inclusive, UTC). Answers 201 with the result when
            the fit finishes quickly, otherwise 202 with the fit's Location to poll.""")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "CDNOW convention",
            value = "{\"model\": \"bgnbd\", \"calibrationEnd\": \"1997-09-30\", \"timeUnit\": \"weeks\"}")))
    @APIResponse(responseCode = "201", description = "Fitted")
    @APIResponse(responseCode = "202", description = "Still running; poll the Location")
    @APIResponse(responseCode = "400", description = "Unknown model or time unit, missing or future calibration end")
    @Audited(value = "model.fit-requested", resourceType = "fit")
    public Response fit(@Valid @NotNull FitRequest request, @jakarta.ws.rs.core.Context UriInfo uri) {
        FitService.Requested requested = fits.request(request, identity.getPrincipal().getName());
        FitView fit = requested.fit();
        var location = uri.getAbsolutePathBuilder().path(fit.id().toString()).build();
        return (requested.finished() ? Response.created(location) : Response.accepted().location(location)).entity(fit).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "manager", "analyst"})
    @Operation(summary = "A fit", description = "Its state, parameters, log-likelihood, convergence and the inputs it saw.")
    @APIResponse(responseCode = "200", description = "The fit")
    @APIResponse(responseCode = "404", description = "No such fit")
    public FitView get(@PathParam("id") UUID id) {
        return fits.get(id);
    }
}
