package io.clientbook.customer.batch;

import io.clientbook.customer.batch.dto.BatchRequest;
import io.clientbook.customer.batch.dto.BatchResult;
import io.clientbook.customer.customer.Caller;
import io.clientbook.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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

@Path("/api/v1/customers/batch-upsert")
@Tag(name = "Batches", description = "Many upserts in one call, a result per item")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CustomerBatchResource {

    private static final int MULTI_STATUS = 207;

    private final BatchService batches;
    private final SecurityIdentity identity;

    CustomerBatchResource(BatchService batches, SecurityIdentity identity) {
        this.batches = batches;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({"admin", "manager", "integrator"})
    @Operation(summary = "Upsert up to 1,000 customers", description = """
            Each item is matched by its first externalIds pair (fields absent stay as they are) or, without one, created.
            Answers 207 with a result per item; one bad item never blocks the others; duplicates come back as warnings.""")
    @RequestBody(content = @Content(schema = @Schema(implementation = BatchRequest.class), examples = @ExampleObject(name = "two", value = """
            {"items": [{"displayName": "Ann Lee", "externalIds": [{"source": "erp", "externalId": "C-1"}]},
                       {"displayName": ""}]}""")))
    @APIResponse(responseCode = "207", description = "A result per item", content = @Content(schema = @Schema(implementation = BatchResult.class),
            examples = @ExampleObject(name = "results", value = """
                    {"results": [{"index": 0, "status": "created", "id": "0c6ecb3e-29e4-42e0-8eba-51d4a1b3f146"},
                                 {"index": 1, "status": "error", "errors": [{"field": "displayName", "message": "must not be blank"}]}]}""")))
    @APIResponse(responseCode = "413", description = "More than 1,000 items")
    public Response customers(BatchRequest request) {
        return Response.status(MULTI_STATUS).entity(batches.upsertCustomers(items(request), Caller.of(identity))).build();
    }

    private static java.util.List<com.fasterxml.jackson.databind.JsonNode> items(BatchRequest request) {
        if (request == null || request.items() == null) {
            throw new ProblemException.Invalid("items", "is required");
        }
        return request.items();
    }
}
