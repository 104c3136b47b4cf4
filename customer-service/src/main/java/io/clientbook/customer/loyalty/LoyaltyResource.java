package io.clientbook.customer.loyalty;

import io.clientbook.customer.customer.Caller;
import io.clientbook.customer.loyalty.dto.LedgerEntry;
import io.clientbook.customer.loyalty.dto.LoyaltyView;
import io.clientbook.customer.loyalty.dto.ReferralRequest;
import io.clientbook.customer.loyalty.dto.TransactionRequest;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/customers/{id}/loyalty")
@Tag(name = "Loyalty", description = "Points, membership levels and referrals")
@Produces(MediaType.APPLICATION_JSON)
public class LoyaltyResource {

    private final LoyaltyService loyalty;
    private final SecurityIdentity identity;

    LoyaltyResource(LoyaltyService loyalty, SecurityIdentity identity) {
        this.loyalty = loyalty;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({"admin", "manager", "sales", "support", "integrator"})
    @Operation(summary = "A customer's level, balance and points ledger", description = """
            Paid and fulfilled orders earn points (clientbook.loyalty.earn.points-per-unit per unit of the order's
            currency); a refund or cancellation takes them back. The level follows lifetime points. Ledger newest first.""")
    @APIResponse(responseCode = "200", description = "The loyalty standing", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LoyaltyView.class), examples = @ExampleObject(name = "standing", value = """
                    {"customerId": "0b7e3f5a-3c1d-4c7e-9a51-8f7e0a1d2c3b", "level": "silver", "balance": 1150, "lifetimePoints": 1250,
                     "nextLevel": {"name": "gold", "pointsNeeded": 3750}, "referredBy": null,
                     "transactions": {"items": [{"id": "8d1f0b52-7a4e-4c1a-9f0e-3b2d6c5a4e10", "type": "redeem", "points": -100,
                       "balanceAfter": 1150, "orderId": null, "relatedCustomerId": null, "reason": "voucher",
                       "expiresAt": null, "createdAt": "2026-02-01T09:30:00Z", "createdBy": "u-123"}], "nextCursor": "MTI"}}""")))
    @APIResponse(responseCode = "404", description = "No such customer")
    public LoyaltyView get(@PathParam("id") UUID id, @QueryParam("cursor") String cursor,
            @Parameter(description = "ledger lines per page, 1 to 200, default 50") @QueryParam("limit") Integer limit) {
        return loyalty.get(id, cursor, limit);
    }

    @POST
    @Path("/transactions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "manager", "sales", "support", "integrator"})
    @Operation(summary = "Redeem points, or adjust them by hand", description = """
            redeem uses the oldest points first and is refused with 409 beyond the balance; adjust (admin, manager) adds or
            takes points with a reason. Emits loyalty.changed. Send an Idempotency-Key: a retried redemption must not
            spend twice.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransactionRequest.class),
            examples = @ExampleObject(name = "redeem", value = "{\"type\": \"redeem\", \"points\": 100, \"reason\": \"voucher\"}")))
    @APIResponse(responseCode = "201", description = "The ledger line")
    @APIResponse(responseCode = "409", description = "Not enough points")
    public Response post(@PathParam("id") UUID id, @NotNull @Valid TransactionRequest request) {
        LedgerEntry entry = loyalty.post(id, request, Caller.of(identity));
        return Response.status(Response.Status.CREATED).entity(entry).build();
    }

    @POST
    @Path("/referrals")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "manager", "sales", "integrator"})
    @Operation(summary = "Record that this customer referred another", description = """
            The referrer earns clientbook.loyalty.referral.points when the referred customer's first order after the
            referral is paid. A customer has one referrer; 409 if another one is recorded already.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReferralRequest.class),
            examples = @ExampleObject(name = "referral", value = "{\"referredCustomerId\": \"5f0c9a8e-2b7d-4f1e-8c3a-9d6b2e1f0a47\"}")))
    @APIResponse(responseCode = "200", description = "The referred customer's loyalty standing, naming its referrer")
    @APIResponse(responseCode = "409", description = "Another customer referred this one already")
    public LoyaltyView refer(@PathParam("id") UUID id, @NotNull @Valid ReferralRequest request) {
        return loyalty.refer(id, request.referredCustomerId());
    }
}
