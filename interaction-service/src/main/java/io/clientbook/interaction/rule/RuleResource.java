package io.clientbook.interaction.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientbook.interaction.rule.dto.RuleInput;
import io.clientbook.interaction.rule.dto.RulePage;
import io.clientbook.interaction.rule.dto.RuleView;
import io.clientbook.platform.web.JsonMergePatch;
import io.clientbook.platform.web.Preconditions;
import io.clientbook.platform.audit.Audited;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

import java.util.UUID;

@Path("/api/v1/follow-up-rules")
@Tag(name = "Follow-up rules", description = "The customer-care policy as data: triggers, conditions, delays, tasks and messages")
@Produces(MediaType.APPLICATION_JSON)
public class RuleResource {

    private final RuleService rules;

    RuleResource(RuleService rules) {
        this.rules = rules;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "manager"})
    @Operation(summary = "Create a rule", description = """
            trigger.type: event (event: order.recorded, customer.created, ticket.resolved), tier-changed, lifecycle-changed,
            churn-risk-changed (to: the new value), birthday, purchase-anniversary, holiday (date "MM-DD", name), recurring
            (everyDays). condition: tiers, lifecycleStages, churnLevels. action: a task (type, channel) or a message (email or
            sms, templateKey), with the consent purpose checked before any contact by e-mail, SMS, phone or mail.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleInput.class),
            examples = {@ExampleObject(name = "post-purchase callback", value = """
                    {"name": "Post-purchase callback", "trigger": {"type": "event", "event": "order.recorded"}, "delayDays": 30,
                     "action": {"kind": "task", "type": "callback", "channel": "phone", "purpose": "service"}}"""),
                    @ExampleObject(name = "VIP visit every 30 days", value = """
                    {"name": "VIP visit", "trigger": {"type": "recurring", "everyDays": 30}, "condition": {"tiers": ["vip"]},
                     "action": {"kind": "task", "type": "visit", "channel": "visit"}}"""),
                    @ExampleObject(name = "holiday greeting", value = """
                    {"name": "Mid-Autumn greeting", "trigger": {"type": "holiday", "date": "09-25", "name": "Mid-Autumn Festival"},
                     "action": {"kind": "message", "channel": "sms", "templateKey": "holiday-greeting", "purpose": "marketing"}}""")}))
    @APIResponse(responseCode = "201", description = "Created; Location names it, ETag is its version")
    @APIResponse(responseCode = "400", description = "A rule that could not run (problem+json names each field)")
    @APIResponse(responseCode = "409", description = "Another rule has that name")
    @Audited(value = "follow-up-rule.created", resourceType = "follow-up-rule")
    public Response create(@NotNull @Valid RuleInput input, UriInfo uri) {
        RuleView rule = rules.create(input);
        return Response.created(uri.getAbsolutePathBuilder().path(rule.id().toString()).build())
                .tag(Preconditions.etag(rule.version())).entity(rule).build();
    }

    @GET
    @RolesAllowed({"admin", "manager", "sales", "support"})
    @Operation(summary = "Rules by name", description = "Cursor-paged.")
    public RulePage list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return rules.list(cursor, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "manager", "sales", "support"})
    @Operation(summary = "A rule")
    @APIResponse(responseCode = "200", description = "The rule; ETag is its version")
    @APIResponse(responseCode = "404", description = "No such rule")
    public Response get(@PathParam("id") UUID id) {
        RuleView rule = rules.get(id);
        return Response.ok(rule).tag(Preconditions.etag(rule.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @RolesAllowed({"admin", "manager"})
    @Operation(summary = "Change a rule", description = "JSON merge patch; If-Match required. The result is validated as a whole.")
    @RequestBody(content = @Content(mediaType = JsonMergePatch.MEDIA_TYPE, examples = @ExampleObject(name = "switch off", value = """
            {"enabled": false}""")))
    @APIResponse(responseCode = "200", description = "The rule after the change")
    @APIResponse(responseCode = "400", description = "The changed rule could not run")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    @Audited(value = "follow-up-rule.changed", resourceType = "follow-up-rule")
    public Response patch(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, JsonNode patch) {
        RuleView rule = rules.patch(id, patch, ifMatch);
        return Response.ok(rule).tag(Preconditions.etag(rule.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"admin", "manager"})
    @Operation(summary = "Delete a rule", description = "What it created stays. If-Match required.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @Audited(value = "follow-up-rule.deleted", resourceType = "follow-up-rule")
    public Response delete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        rules.delete(id, ifMatch);
        return Response.noContent().build();
    }
}
