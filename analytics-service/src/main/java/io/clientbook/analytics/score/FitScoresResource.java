package io.clientbook.analytics.score;

import io.clientbook.analytics.score.dto.FitScorePage;
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

@Path("/api/v1/analytics/models/fits/{id}/scores")
@Tag(name = "Models")
@Produces(MediaType.APPLICATION_JSON)
public class FitScoresResource {

    private final ScoreService scores;

    FitScoresResource(ScoreService scores) {
        this.scores = scores;
    }

    @GET
    @RolesAllowed({"admin", "manager", "analyst"})
    @Operation(summary = "Scores of a fit", description = """
            Every customer of the fit's population scored as of its calibration end, using no data after it:
            x, tx, T, P(alive), expected purchases over the horizon, expected average spend, CLV, churn risk with
            its level and reasons. Ordered by customer id, cursor-paged.""")
    @APIResponse(responseCode = "200", description = "A page of scores")
    @APIResponse(responseCode = "404", description = "No such fit")
    @APIResponse(responseCode = "409", description = "The fit has not completed, or a Gamma-Gamma fit has no BG/NBD companion")
    public FitScorePage scores(@PathParam("id") UUID id,
                               @Parameter(description = "Future time units (of the fit) for expected purchases and CLV; "
                                       + "default the churn horizon (39 weeks)") @QueryParam("horizon") Double horizon,
                               @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return scores.scoresOfFit(id, horizon, cursor, limit);
    }
}
