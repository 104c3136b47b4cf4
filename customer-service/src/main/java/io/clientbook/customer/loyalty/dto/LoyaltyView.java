package io.clientbook.customer.loyalty.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** A customer's loyalty standing and a page of its ledger, newest first. */
@Schema(name = "Loyalty")
public record LoyaltyView(
        UUID customerId,
        @Schema(description = "Membership level from lifetime points") String level,
        long balance,
        @Schema(description = "Points ever earned (earn, referral, positive adjustments); sets the level") long lifetimePoints,
        @Schema(description = "The next level and the lifetime points still needed; null at the top") NextLevel nextLevel,
        @Schema(description = "Who referred this customer, if anyone") UUID referredBy,
        Ledger transactions) {

    public record NextLevel(String name, long pointsNeeded) {
    }

    public record Ledger(List<LedgerEntry> items, String nextCursor) {
    }
}
