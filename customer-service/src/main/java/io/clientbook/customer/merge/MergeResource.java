package io.clientbook.customer.merge;

import io.clientbook.customer.customer.Caller;
import io.clientbook.customer.customer.dto.CustomerView;
import io.clientbook.customer.merge.dto.MergeRequest;
import io.clientbook.customer.merge.dto.UnmergeRequest;
import io.clientbook.platform.web.Preconditions;
import io.quarkus.security.identity.SecurityIdentity;
import io.clientbook.platform.audit.Audited;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/customers/{id}")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MergeResource {

    private final MergeService merges;
    private final SecurityIdentity identity;

    MergeResource(MergeService merges, SecurityIdentity identity) {
        this.merges = merges;
        this.identity = identity;
    }

    @POST
    @Path("/merge")
    @RolesAllowed({"admin", "manager"})
    @Operation(summary = "Merge duplicates into this customer", description = """
            Single values: the most recently changed non-empty value wins, field by field (owner, kind, tier and
            lifecycle stage stay this customer's unless it has none). Contacts, addresses, tags, external ids, consents
            (the latest decision per channel and purpose) and custom attributes: the union. Orders move here. The merged
            customers answer 404 with mergedInto from then on; emits customer.updated (this customer's new fields) and
            customer.merged. dryRun: true answers with the would-be result and changes nothing.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MergeRequest.class),
            examples = @ExampleObject(name = "merge", value = "{\"duplicateIds\": [\"5f0c9a8e-2b7d-4f1e-8c3a-9d6b2e1f0a47\"], \"dryRun\": false}")))
    @APIResponse(responseCode = "200", description = "The customer after the merge (or as it would be)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "400", description = "A duplicate id is unknown, archived, merged already, repeated or this customer")
    @APIResponse(responseCode = "404", description = "No such customer (mergedInto names its survivor if it was merged)")
    @Audited(value = "customer.merged", resourceType = "customer")
    public Response merge(@PathParam("id") UUID id, @NotNull @Valid MergeRequest request) {
        CustomerView result = merges.merge(id, request, Caller.of(identity));
        Response.ResponseBuilder response = Response.ok(result);
        return (request.dryRun() ? response : response.tag(Preconditions.etag(result.version()))).build();
    }

    @POST
    @Path("/unmerge")
    @RolesAllowed({"admin", "manager"})
    @Operation(summary = "Undo the merge of one customer into this one", description = """
            Restores the merged customer as it was before the merge, with its external ids and orders; this customer
            gives back the contacts, tags, ids and values that came only from it, unless they were changed since.
            Emits customer.updated for this customer and customer.unmerged. Answers with the restored customer.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnmergeRequest.class),
            examples = @ExampleObject(name = "unmerge", value = "{\"customerId\": \"5f0c9a8e-2b7d-4f1e-8c3a-9d6b2e1f0a47\"}")))
    @APIResponse(responseCode = "200", description = "The restored customer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "409", description = "That customer is not merged into this one")
    @Audited(value = "customer.unmerged", resourceType = "customer")
    public Response unmerge(@PathParam("id") UUID id, @NotNull @Valid UnmergeRequest request) {
        CustomerView restored = merges.unmerge(id, request.customerId(), Caller.of(identity));
        return Response.ok(restored).tag(Preconditions.etag(restored.version())).build();
    }
}
