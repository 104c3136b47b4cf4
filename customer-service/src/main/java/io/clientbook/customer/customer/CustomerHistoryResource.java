package io.clientbook.customer.customer;

import io.clientbook.customer.change.FieldHistory;
import io.clientbook.customer.change.dto.HistoryPage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/customers/{id}/history")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerHistoryResource {

    private final CustomerService customers;
    private final FieldHistory history;

    CustomerHistoryResource(CustomerService customers, FieldHistory history) {
        this.customers = customers;
        this.history = history;
    }

    @GET
    @RolesAllowed({"admin", "manager", "sales", "support"})
    @Operation(summary = "A customer's field history", description = """
            Who changed which fields, when, old -> new, and through which channel (api, sync, analytics, merge), newest
            first. Also for archived customers.""")
    @APIResponse(responseCode = "200", description = "A page of changes", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = """
                    {"items": [{"version": 2, "kind": "updated", "changedAt": "2026-02-01T09:30:00Z", "changedBy": "u-123",
                      "channel": "api", "changes": [{"field": "tags", "oldValue": ["newsletter"], "newValue": ["newsletter", "vip-event"]}]},
                     {"version": 0, "kind": "created", "changedAt": "2026-01-31T10:00:00Z", "changedBy": "shop-sync",
                      "channel": "sync", "changes": []}],
                     "nextCursor": null}""")))
    @APIResponse(responseCode = "404", description = "No such customer")
    public HistoryPage history(@PathParam("id") UUID id, @QueryParam("cursor") String cursor,
            @Parameter(description = "1 to 200, default 50") @QueryParam("limit") Integer limit) {
        customers.requireKnown(id);
        return history.of(id, cursor, limit);
    }
}
