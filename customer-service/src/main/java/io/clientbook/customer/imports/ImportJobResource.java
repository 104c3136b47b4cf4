package io.clientbook.customer.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.customer.customer.Caller;
import io.clientbook.customer.imports.dto.ImportJobView;
import io.clientbook.customer.imports.dto.ImportKind;
import io.clientbook.platform.problem.ProblemException;
import io.clientbook.platform.web.StreamedBody;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/import-jobs")
@Tag(name = "Imports", description = "Bulk loads of customers and orders from NDJSON or CSV files")
@Produces(MediaType.APPLICATION_JSON)
public class ImportJobResource {

    private final ImportJobs jobs;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    ImportJobResource(ImportJobs jobs, SecurityIdentity identity, ObjectMapper json) {
        this.jobs = jobs;
        this.identity = identity;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @StreamedBody
    @RolesAllowed({"admin", "manager", "integrator"})
    @Operation(summary = "Import a file of customers or orders", description = """
            The body is the file itself, streamed: NDJSON (one customer or order per line, the documents the batch upserts
            take) or CSV (a header row; `mapping` says which column fills which field, by default columns named like fields).
            202 with the job once the file is stored; the rows are imported afterwards (GET the job for progress). The same
            file with the same Idempotency-Key is one job (202 with it again); another file under the key is 422.""")
    @APIResponse(responseCode = "202", description = "Accepted; Location is the job")
    @APIResponse(responseCode = "413", description = "More rows than allowed")
    public Response create(@Parameter(description = "customers or orders", required = true) @QueryParam("kind") String kind,
                           @Parameter(description = "ndjson or csv; by default from Content-Type") @QueryParam("format") String format,
                           @Parameter(description = "CSV only: a JSON object from column to field, e.g. "
                                   + "{\"E-mail\": \"email\", \"First\": \"givenName\", \"Shop id\": \"externalId\"}")
                           @QueryParam("mapping") String mapping,
                           @HeaderParam("Content-Type") String contentType, @HeaderParam("Idempotency-Key") String idempotencyKey,
                           InputStream body, @Context UriInfo uri) {
        ImportKind what;
        try {
            what = kind == null ? null : ImportKind.parse(kind);
        } catch (IllegalArgumentException e) {
            throw new ProblemException.Invalid("kind", "must be customers or orders");
        }
        String type = contentType == null ? "" : contentType.toLowerCase();
        String chosen = format != null ? format.toLowerCase()
                : type.startsWith("text/csv") ? "csv" : type.contains("ndjson") || type.contains("jsonl") ? "ndjson" : null;
        ImportJobs.Received received = jobs.receive(what, chosen, mapping(mapping), body, Caller.of(identity), idempotencyKey);
        Response.ResponseBuilder answer = Response.accepted(received.job())
                .location(uri.getBaseUriBuilder().path("api/v1/import-jobs").path(received.job().id().toString()).build());
        if (received.replayed()) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.build();
    }

    private Map<String, String> mapping(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new ProblemException.Invalid("mapping", "must be a JSON object from column name to field name");
        }
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "manager", "integrator"})
    @Operation(summary = "An import job's progress")
    public ImportJobView get(@PathParam("id") UUID id) {
        return jobs.get(id);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({"admin", "manager", "integrator"})
    @Operation(summary = "Cancel an import job", description = "Rows imported so far stay; a finished job is answered as it is.")
    public ImportJobView cancel(@PathParam("id") UUID id) {
        return jobs.cancel(id);
    }

    @GET
    @Path("/{id}/errors")
    @Produces("application/x-ndjson")
    @RolesAllowed({"admin", "manager", "integrator"})
    @Operation(summary = "The rows an import refused", description = """
            NDJSON, in line order: {"line": 12, "errors": [{"field": "emails[0].address", "message": "must be a well-formed email address"}]}.
            Lines count from 1 and include a CSV file's header row.""")
    public Response errors(@PathParam("id") UUID id) {
        jobs.get(id);
        StreamingOutput stream = out -> jobs.writeErrors(id, out);
        return Response.ok(stream).header("Content-Disposition", "attachment; filename=\"import-" + id + "-errors.ndjson\"").build();
    }
}
