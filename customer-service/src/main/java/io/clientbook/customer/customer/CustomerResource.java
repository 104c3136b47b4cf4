package io.clientbook.customer.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.clientbook.customer.customer.dto.CustomerInput;
import io.clientbook.customer.customer.dto.CustomerPage;
import io.clientbook.customer.customer.dto.CustomerQuery;
import io.clientbook.customer.customer.dto.CustomerView;
import io.clientbook.customer.customer.dto.DuplicatePage;
import io.clientbook.platform.security.OwnerVisibility;
import io.clientbook.platform.web.JsonMergePatch;
import io.clientbook.platform.web.Preconditions;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/customers")
@Tag(name = "Customers", description = "Customer records")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    static final String ANN = """
            {"displayName": "Ann Lee", "givenName": "Ann", "familyName": "Lee",
             "emails": [{"address": "ann@example.com", "label": "work", "primary": true}],
             "phones": [{"number": "+14155550100", "label": "mobile", "primary": true}],
             "tags": ["newsletter"],
             "externalIds": [{"source": "shopify:store-a.myshopify.com", "externalId": "123"}],
             "consents": [{"channel": "email", "purpose": "marketing", "granted": true, "basis": "consent",
                           "at": "2026-01-31T10:00:00Z"}]}""";

    private final CustomerService customers;
    private final CustomerSearch search;
    private final SecurityIdentity identity;
    private final OwnerVisibility visibility;

    CustomerResource(CustomerService customers, CustomerSearch search, SecurityIdentity identity, OwnerVisibility visibility) {
        this.visibility = visibility;
        this.customers = customers;
        this.search = search;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "manager", "sales", "integrator"})
    @Operation(summary = "Create a customer", description = """
            Stores the customer and emits customer.created. A customer with the same normalised e-mail, phone or
            external id answers 409 with the candidates unless allowDuplicate=true (an external id is never shared).
            Similar names in the same company come back as warnings. Idempotency-Key is honoured.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerInput.class),
            examples = @ExampleObject(name = "person", value = ANN)))
    @APIResponse(responseCode = "201", description = "Created; Location names it, ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "400", description = "Invalid or read-only fields (problem+json with errors[])")
    @APIResponse(responseCode = "409", description = "Possible duplicate (problem+json with candidates[])")
    public Response create(@NotNull @Valid CustomerInput input,
            @Parameter(description = "create even when the e-mail or phone matches another customer")
            @QueryParam("allowDuplicate") boolean allowDuplicate, UriInfo uri) {
        CustomerView created = customers.create(input, allowDuplicate, Caller.of(identity));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .tag(Preconditions.etag(created.version()))
                .entity(created)
                .build();
    }

    @GET
    @RolesAllowed({"admin", "manager", "sales", "support", "analyst", "integrator"})
    @Operation(summary = "Search customers", description = """
            q matches names and company by word prefix and tolerates small typos, and e-mails and phones exactly after
            normalisation. Filters combine with AND; custom attributes filter as attr.NAME=VALUE. Cursor-paged.""")
    @APIResponse(responseCode = "200", description = "A page of customers")
    public CustomerPage search(@QueryParam("q") String q, @QueryParam("email") String email,
            @QueryParam("phone") String phone, @QueryParam("tag") String tag, @QueryParam("tier") String tier,
            @QueryParam("lifecycleStage") String lifecycleStage, @QueryParam("ownerId") String ownerId,
            @Parameter(description = "external id source, e.g. shopify:store-a.myshopify.com") @QueryParam("source") String source,
            @QueryParam("createdAfter") Instant createdAfter, @QueryParam("createdBefore") Instant createdBefore,
            @QueryParam("updatedAfter") Instant updatedAfter,
            @Parameter(description = "displayName (default), createdAt or updatedAt; prefix - for descending") @QueryParam("sort") String sort,
            @QueryParam("cursor") String cursor,
            @Parameter(description = "1 to 200, default 50") @QueryParam("limit") Integer limit, UriInfo uri) {
        Map<String, String> attributes = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (name.startsWith("attr.") && name.length() > 5 && !values.isEmpty()) {
                attributes.put(name.substring(5), values.getFirst());
            }
        });
        CustomerPage page = search.search(new CustomerQuery(q, email, phone, tag, tier, lifecycleStage, ownerId, source, createdAfter,
                createdBefore, updatedAfter, attributes, sort, cursor, limit));
        return visibility.masksContacts()
                ? new CustomerPage(page.items().stream().map(CustomerView::withContactsMasked).toList(), page.nextCursor()) : page;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "manager", "sales", "support", "analyst", "integrator"})
    @Operation(summary = "Read a customer", description = "The ETag is the version to send back in If-Match.")
    @APIResponse(responseCode = "200", description = "The customer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "404", description = "No such customer, or archived")
    public Response get(@PathParam("id") UUID id) {
        return withTag(customers.get(id), Response.ok());
    }

    @GET
    @Path("/{id}/duplicates")
    @RolesAllowed({"admin", "manager", "sales", "support", "integrator"})
    @Operation(summary = "Likely duplicates of a customer", description = """
            Other customers with the same normalised e-mail (score 0.9), phone (0.8) or external id (1.0), or a similar
            name in the same company (0.7 x name similarity); every further matching field halves the distance to 1.
            Most likely first; archived customers are left out.""")
    @APIResponse(responseCode = "200", description = "The candidates", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DuplicatePage.class), examples = @ExampleObject(name = "candidates", value = """
                    {"items": [{"id": "5f0c9a8e-2b7d-4f1e-8c3a-9d6b2e1f0a47", "displayName": "Ann Lee (shop)", "rule": "same-email",
                      "matchedFields": ["email", "phone"], "score": 0.95}], "nextCursor": null}""")))
    @APIResponse(responseCode = "404", description = "No such customer, or archived")
    public DuplicatePage duplicates(@PathParam("id") UUID id) {
        return customers.duplicatesOf(id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @RolesAllowed({"admin", "manager", "sales", "integrator"})
    @Operation(summary = "Change a customer (JSON merge patch)", description = """
            Fields present are set, fields set to null are cleared, lists are replaced. If-Match with the ETag you read
            is required: 428 without it, 412 when the customer changed since. Emits customer.updated with old and new values.""")
    @RequestBody(content = @Content(mediaType = JsonMergePatch.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "retag", value = "{\"tags\": [\"vip-event\"], \"occupation\": null}")))
    @APIResponse(responseCode = "200", description = "The changed customer with its new ETag")
    @APIResponse(responseCode = "412", description = "The customer changed since you read it")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch)
            throws JsonProcessingException {
        return withTag(customers.patch(id, patch, ifMatch, Caller.of(identity)), Response.ok());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"admin", "manager"})
    @Operation(summary = "Archive a customer", description = "Soft delete: it no longer appears; emits customer.archived. If-Match required.")
    @APIResponse(responseCode = "204", description = "Archived")
    public Response archive(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        customers.archive(id, ifMatch, Caller.of(identity));
        return Response.noContent().build();
    }

    @PUT
    @Path("/by-external-id/{source}/{externalId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "manager", "integrator"})
    @Operation(summary = "Create or update a customer by its id in another system", description = """
            201 when created, 200 when updated (or unchanged). Fields absent from the body stay as they are; external
            ids are only ever added; a body whose sourceUpdatedAt is older than the stored one changes nothing.
            Phones that cannot be parsed are kept as given with valid: false. Duplicates come back as warnings.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerInput.class),
            examples = @ExampleObject(name = "shop sync", value = """
                    {"displayName": "Ann Lee", "emails": [{"address": "ann@example.com", "primary": true}],
                     "sourceUpdatedAt": "2026-01-31T10:00:00Z"}""")))
    @APIResponse(responseCode = "200", description = "Updated or unchanged")
    @APIResponse(responseCode = "201", description = "Created")
    public Response upsert(@PathParam("source") String source, @PathParam("externalId") String externalId, JsonNode body,
            UriInfo uri) throws JsonProcessingException {
        CustomerService.WriteResult result = customers.upsertByExternalId(source, externalId, body, Caller.of(identity));
        Response.ResponseBuilder response = result.outcome() == CustomerService.Outcome.CREATED
                ? Response.created(uri.getRequestUri())
                : Response.ok();
        return withTag(result.customer(), response);
    }

    @GET
    @Path("/by-external-id/{source}/{externalId}")
    @RolesAllowed({"admin", "manager", "sales", "support", "analyst", "integrator"})
    @Operation(summary = "Read a customer by its id in another system")
    @APIResponse(responseCode = "200", description = "The customer")
    @APIResponse(responseCode = "404", description = "No customer has this external id")
    public Response getByExternalId(@PathParam("source") String source, @PathParam("externalId") String externalId) {
        return withTag(customers.getByExternalId(source, externalId), Response.ok());
    }

    private Response withTag(CustomerView customer, Response.ResponseBuilder response) {
        CustomerView shown = visibility.masksContacts() ? customer.withContactsMasked() : customer;
        return response.tag(Preconditions.etag(customer.version())).entity(shown).build();
    }
}
