package io.clientbook.interaction.survey;

import io.clientbook.interaction.survey.dto.ResponseInput;
import io.clientbook.interaction.survey.dto.SatisfactionSummary;
import io.clientbook.interaction.survey.dto.SurveyInput;
import io.clientbook.interaction.survey.dto.SurveyView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1")
@Tag(name = "Satisfaction", description = "Surveys (NPS, CSAT), responses, detractor follow-up and summaries")
@Produces(MediaType.APPLICATION_JSON)
public class SurveyResource {

    private final SurveyService surveys;

    SurveyResource(SurveyService surveys) {
        this.surveys = surveys;
    }

    @POST
    @Path("/surveys")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "manager"})
    @Operation(summary = "Define a survey", description = "kind nps (score 0–10) or csat (score 1–5). Invitations go out by care rule (message.requested).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyInput.class),
            examples = @ExampleObject(name = "NPS", value = """
                    {"name": "Store visit NPS", "kind": "nps", "questions": ["How likely are you to recommend our store?", "What should we improve?"]}""")))
    @APIResponse(responseCode = "201", description = "Defined")
    @APIResponse(responseCode = "409", description = "Another survey has that name")
    public Response create(@NotNull @Valid SurveyInput input, UriInfo uri) {
        SurveyView s = surveys.create(input);
        return Response.created(uri.getAbsolutePathBuilder().path(s.id().toString()).build()).entity(s).build();
    }

    @GET
    @Path("/surveys")
    @RolesAllowed({"admin", "manager", "support", "sales", "analyst", "integrator"})
    @Operation(summary = "Surveys")
    public Map<String, List<SurveyView>> list() {
        return Map.of("items", surveys.surveys());
    }

    @GET
    @Path("/surveys/{id}")
    @RolesAllowed({"admin", "manager", "support", "sales", "analyst", "integrator"})
    @Operation(summary = "A survey")
    public SurveyView get(@PathParam("id") UUID id) {
        return surveys.get(id);
    }

    @POST
    @Path("/survey-responses")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "manager", "support", "sales", "integrator"})
    @Operation(summary = "Record an answer", description = """
            From the survey tool (integrator) or staff. On the customer's timeline, published as survey.responded. A detractor
            (NPS ≤ 6, CSAT ≤ 2) opens work for the customer's owner (unassigned without one): a high-priority complaint ticket
            when the answer is about a complaint ticket, otherwise a callback due the next day. Idempotency-Key is honoured.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResponseInput.class),
            examples = @ExampleObject(name = "detractor after a ticket", value = """
                    {"surveyId": "5e7e0000-0001-4000-8000-000000000001", "customerId": "0b6f3c1e-8a57-4d8e-9a53-2f1d6c7b9e10", "score": 2,
                     "comment": "Took a week to get an answer", "ticketId": "9d3c2b1a-0f4e-4d5c-8b7a-6e5d4c3b2a10"}""")))
    @APIResponse(responseCode = "201", description = "Recorded; followUpId or openedTicketId name the work a detractor opened")
    @APIResponse(responseCode = "400", description = "Unknown survey or ticket, a score out of range (problem+json names the field)")
    public Response respond(@NotNull @Valid ResponseInput input) {
        return Response.status(201).entity(surveys.respond(input)).build();
    }

    @GET
    @Path("/satisfaction/summary")
    @RolesAllowed({"admin", "manager", "analyst"})
    @Operation(summary = "NPS and CSAT", description = """
            Over responses in [from, to) (default: the last 365 days), overall and grouped by the customer's tier or segment
            when they answered, or by channel. NPS = % promoters (9–10) − % detractors (0–6); CSAT = % of answers 4–5.""")
    @APIResponse(responseCode = "200", description = "The summary",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SatisfactionSummary.class)))
    public SatisfactionSummary summary(@QueryParam("from") Instant from, @QueryParam("to") Instant to,
                                       @Parameter(description = "tier, segment or channel") @QueryParam("groupBy") String groupBy) {
        return surveys.summary(from, to, groupBy);
    }
}
