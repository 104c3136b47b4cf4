package io.clientbook.customer.loyalty.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /customers/{id}/loyalty/transactions}: redeem points, or adjust them by hand. */
@Schema(name = "LoyaltyTransactionRequest")
public record TransactionRequest(
        @NotNull @Schema(description = "redeem (any role that serves the customer) or adjust (admin, manager)",
                enumeration = {"redeem", "adjust"}) TransactionType type,
        @NotNull @Schema(description = "redeem: points to use (> 0); adjust: points to add (> 0) or take (< 0)") Long points,
        @Size(max = 500) @Schema(description = "Why; required for adjust") String reason,
        @Schema(description = "The order the points are redeemed on, if any") java.util.UUID orderId) {
}
