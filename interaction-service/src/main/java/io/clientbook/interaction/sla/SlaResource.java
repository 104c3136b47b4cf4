package io.clientbook.interaction.sla;

import io.clientbook.interaction.sla.dto.CalendarInput;
import io.clientbook.interaction.sla.dto.CalendarView;
import io.clientbook.interaction.sla.dto.PolicyInput;
import io.clientbook.interaction.sla.dto.PolicyView;
import io.clientbook.platform.web.Preconditions;
import io.clientbook.platform.audit.Audited;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
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

import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1")
@Tag(name = "SLA", description = "Service-level targets for tickets, in calendar hours or a business calendar's working hours")
@Produces(MediaType.APPLICATION_JSON)
public class SlaResource {

    private final SlaPolicies sla;

    SlaResource(SlaPolicies sla) {
        this.sla = sla;
    }

    @POST
    @Path("/sla-policies")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "manager"})
    @Operation(summary = "Create an SLA policy", description = """
            The first enabled policy by rank (ascending) whose condition (types, priorities, customer tiers) matches a new
            ticket sets its first-response and resolution targets, in minutes of calendar time or of the working time of
            calendarId. Existing tickets keep the targets they were given.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyInput.class),
            examples = @ExampleObject(name = "urgent problems, office hours", value = """
                    {"name": "Urgent problem", "rank": 5, "condition": {"types": ["problem"], "priorities": ["urgent"]},
                     "firstResponseMinutes": 15, "resolutionMinutes": 240, "calendarId": "3f0c5a54-8a1e-4c1b-9d1e-2b7f4f0e9a11"}""")))
    @APIResponse(responseCode = "201", description = "Created; ETag is its version")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json names each)")
    @Audited(value = "sla-policy.created", resourceType = "sla-policy")
    public Response createPolicy(@NotNull @Valid PolicyInput input, UriInfo uri) {
        PolicyView p = sla.createPolicy(input);
        return Response.created(uri.getAbsolutePathBuilder().path(p.id().toString()).build()).tag(Preconditions.etag(p.version())).entity(p).build();
    }

    @GET
    @Path("/sla-policies")
    @RolesAllowed({"admin", "manager", "support", "sales"})
    @Operation(summary = "SLA policies in the order they are tried")
    public Map<String, List<PolicyView>> policies() {
        return Map.of("items", sla.policies());
    }

    @GET
    @Path("/sla-policies/{id}")
    @RolesAllowed({"admin", "manager", "support", "sales"})
    @Operation(summary = "An SLA policy")
    public Response policy(@PathParam("id") UUID id) {
        PolicyView p = sla.policy(id);
        return Response.ok(p).tag(Preconditions.etag(p.version())).build();
    }

    @PUT
    @Path("/sla-policies/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "manager"})
    @Operation(summary = "Replace an SLA policy", description = "If-Match required. Applies to tickets opened from now on.")
    @Audited(value = "sla-policy.changed", resourceType = "sla-policy")
    public Response replacePolicy(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid PolicyInput input) {
        PolicyView p = sla.replacePolicy(id, input, ifMatch);
        return Response.ok(p).tag(Preconditions.etag(p.version())).build();
    }

    @POST
    @Path("/business-calendars")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Create a business calendar", description = "Working hours per weekday in a time zone, and holidays.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CalendarInput.class),
            examples = @ExampleObject(name = "office hours", value = """
                    {"name": "Berlin office", "timeZone": "Europe/Berlin",
                     "workingHours": {"monday": [{"from": "09:00", "to": "17:00"}], "tuesday": [{"from": "09:00", "to": "17:00"}],
                                      "wednesday": [{"from": "09:00", "to": "17:00"}], "thursday": [{"from": "09:00", "to": "17:00"}],
                                      "friday": [{"from": "09:00", "to": "15:00"}]},
                     "holidays": ["2026-12-25", "2026-12-26", "2027-01-01"]}""")))
    @APIResponse(responseCode = "201", description = "Created; ETag is its version")
    @APIResponse(responseCode = "400", description = "Invalid zone, weekday or hours (problem+json names each)")
    @Audited(value = "business-calendar.created", resourceType = "business-calendar")
    public Response createCalendar(@NotNull @Valid CalendarInput input, UriInfo uri) {
        CalendarView c = sla.createCalendar(input);
        return Response.created(uri.getAbsolutePathBuilder().path(c.id().toString()).build()).tag(Preconditions.etag(c.version())).entity(c).build();
    }

    @GET
    @Path("/business-calendars")
    @RolesAllowed({"admin", "manager", "support"})
    @Operation(summary = "Business calendars")
    public Map<String, List<CalendarView>> calendars() {
        return Map.of("items", sla.calendars());
    }

    @GET
    @Path("/business-calendars/{id}")
    @RolesAllowed({"admin", "manager", "support"})
    @Operation(summary = "A business calendar")
    public Response calendar(@PathParam("id") UUID id) {
        CalendarView c = sla.calendar(id);
        return Response.ok(c).tag(Preconditions.etag(c.version())).build();
    }

    @PUT
    @Path("/business-calendars/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Replace a business calendar", description = "If-Match required. Open tickets' due times stay as computed.")
    public Response replaceCalendar(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid CalendarInput input) {
        CalendarView c = sla.replaceCalendar(id, input, ifMatch);
        return Response.ok(c).tag(Preconditions.etag(c.version())).build();
    }
}
