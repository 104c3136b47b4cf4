package io.clientbook.customer.privacy;

import io.clientbook.customer.customer.Caller;
import io.clientbook.customer.privacy.dto.CustomerExport;
import io.clientbook.customer.privacy.dto.ErasureRequestView;
import io.quarkus.security.identity.SecurityIdentity;
import io.clientbook.platform.audit.Audited;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

@Path("/api/v1/customers/{id}")
@Tag(name = "Privacy", description = "A person's data: export and erasure")
@Produces(MediaType.APPLICATION_JSON)
public class PrivacyResource {

    private final PrivacyService privacy;
    private final SecurityIdentity identity;

    PrivacyResource(PrivacyService privacy, SecurityIdentity identity) {
        this.privacy = privacy;
        this.identity = identity;
    }

    @GET
    @Path("/export")
    @RolesAllowed({"admin", "manager"})
    @Operation(summary = "Everything customer-service holds on a person", description = """
            The record, records of the same person merged into it, orders, the field history and the loyalty ledger.""")
    @APIResponse(responseCode = "200", description = "The export",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerExport.class),
                    examples = @ExampleObject(name = "export", value = """
                            {"service": "customer-service", "exportedAt": "2026-02-01T09:30:00Z",
                             "customer": {"id": "0b7e3f5a-3c1d-4c7e-9a51-8f7e0a1d2c3b", "displayName": "Ann Lee",
                                          "emails": [{"address": "ann@example.com", "primary": true}], "version": 4},
                             "mergedRecords": [], "orders": [{"source": "shopify:store-a.myshopify.com", "externalId": "1001",
                                          "status": "paid", "currency": "USD", "total": "29.34"}],
                             "history": [{"version": 1, "kind": "updated", "changedAt": "2026-01-31T11:00:00Z", "changedBy": "u-123",
                                          "channel": "api", "changes": [{"field": "tags", "oldValue": null, "newValue": ["vip-event"]}]}],
                             "loyalty": {"level": "member", "balance": 29, "lifetimePoints": 29, "transactions": []}}""")))
    @APIResponse(responseCode = "404", description = "No such customer")
    @Audited(value = "customer.exported", resourceType = "customer")
    public CustomerExport export(@PathParam("id") UUID id) {
        return privacy.export(id);
    }

    @POST
    @Path("/erasure")
    @RolesAllowed({"admin", "manager"})
    @Operation(summary = "Erase a person's data across the suite", description = """
            customer-service anonymises the record and every record merged into it at once (names, contacts,
            addresses, birthday, preferences, tags, attributes, external ids, consents, the values in the field history);
            orders and the loyalty ledger stay, without personal data. customer.erased asks every other service to
            erase its part; the request completes when all have confirmed. Irreversible. Asking again answers with the
            same request.""")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the erasure request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErasureRequestView.class),
                    examples = @ExampleObject(name = "pending", value = """
                            {"id": "2f6e0c1a-9b3d-4e5f-8a7b-6c5d4e3f2a1b", "customerId": "0b7e3f5a-3c1d-4c7e-9a51-8f7e0a1d2c3b",
                             "status": "pending", "services": {"customer-service": "completed", "interaction-service": "pending",
                             "analytics-service": "pending"}, "requestedAt": "2026-02-01T09:30:00Z", "completedAt": null}""")))
    @APIResponse(responseCode = "404", description = "No such customer (or merged: erase its survivor, named in mergedInto)")
    @Audited(value = "customer.erasure-requested", resourceType = "customer")
    public Response erase(@PathParam("id") UUID id, UriInfo uri) {
        ErasureRequestView request = privacy.requestErasure(id, Caller.of(identity));
        URI location = uri.getBaseUriBuilder().path("api/v1/erasure-requests").path(request.id().toString()).build();
        return Response.accepted(request).location(location).build();
    }
}
