package io.clientbook.interaction.team;

import io.clientbook.interaction.team.dto.TeamInput;
import io.clientbook.interaction.team.dto.TeamPage;
import io.clientbook.interaction.team.dto.TeamView;
import io.clientbook.platform.web.Preconditions;
import io.clientbook.platform.audit.Audited;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

@Path("/api/v1/teams")
@Tag(name = "Teams", description = "Who works together, and who manages them: assignment, team agendas, escalation")
@Produces(MediaType.APPLICATION_JSON)
public class TeamResource {

    private final TeamService teams;

    TeamResource(TeamService teams) {
        this.teams = teams;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Create a team", description = "Admins only. Production deployments may sync teams from their identity provider.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamInput.class),
            examples = @ExampleObject(name = "team", value = """
                    {"name": "Key accounts North", "managerId": "u-maria", "members": ["u-jonas", "u-lea"]}""")))
    @APIResponse(responseCode = "201", description = "Created; Location names it, ETag is its version")
    @APIResponse(responseCode = "409", description = "Another team has that name")
    @Audited(value = "team.created", resourceType = "team")
    public Response create(@NotNull @Valid TeamInput input, UriInfo uri) {
        TeamView team = teams.create(input);
        return Response.created(uri.getAbsolutePathBuilder().path(team.id().toString()).build())
                .tag(Preconditions.etag(team.version())).entity(team).build();
    }

    @GET
    @RolesAllowed({"admin", "manager", "sales", "support"})
    @Operation(summary = "Teams by name", description = "Cursor-paged.")
    public TeamPage list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return teams.list(cursor, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "manager", "sales", "support"})
    @Operation(summary = "A team")
    @APIResponse(responseCode = "200", description = "The team; ETag is its version")
    @APIResponse(responseCode = "404", description = "No such team")
    public Response get(@PathParam("id") UUID id) {
        TeamView team = teams.get(id);
        return Response.ok(team).tag(Preconditions.etag(team.version())).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Replace a team (name, manager, members)", description = "If-Match with the ETag is required.")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    @Audited(value = "team.changed", resourceType = "team")
    public Response replace(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid TeamInput input) {
        TeamView team = teams.replace(id, input, ifMatch);
        return Response.ok(team).tag(Preconditions.etag(team.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("admin")
    @Operation(summary = "Delete a team", description = "Its follow-ups keep their assignee and lose the team. If-Match required.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @Audited(value = "team.deleted", resourceType = "team")
    public Response delete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        teams.delete(id, ifMatch);
        return Response.noContent().build();
    }
}
