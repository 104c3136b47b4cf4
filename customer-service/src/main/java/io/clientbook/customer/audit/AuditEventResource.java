package io.clientbook.customer.audit;

import io.clientbook.customer.audit.dto.AuditEventPage;
import io.clientbook.customer.audit.dto.AuditQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

@Path("/api/v1/audit-events")
@Tag(name = "Audit", description = "Who did what, when and from where, across the suite (admins)")
@Produces(MediaType.APPLICATION_JSON)
public class AuditEventResource {

    private final AuditTrail trail;

    AuditEventResource(AuditTrail trail) {
        this.trail = trail;
    }

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "The audit trail, newest first",
            description = "Authentication failures and refused requests at the gateway and in every service, exports, "
                    + "erasures, merges and configuration changes. Ids only, never a customer's fields.")
    public AuditEventPage list(@Parameter(description = "the token subject, or `anonymous`") @QueryParam("actor") String actor,
                               @Parameter(description = "e.g. `authentication.failed`, `request.denied`, `customer.exported`")
                               @QueryParam("action") String action,
                               @Parameter(description = "`allowed`, `denied` or `failed`") @QueryParam("outcome") String outcome,
                               @QueryParam("service") String service,
                               @QueryParam("resourceId") String resourceId,
                               @Parameter(description = "inclusive, ISO 8601") @QueryParam("from") Instant from,
                               @Parameter(description = "exclusive, ISO 8601") @QueryParam("to") Instant to,
                               @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return trail.list(new AuditQuery(actor, action, outcome, service, resourceId, from, to), cursor, limit);
    }
}
