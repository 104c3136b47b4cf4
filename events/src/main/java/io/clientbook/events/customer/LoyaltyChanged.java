package io.clientbook.events.customer;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer's loyalty points changed: earned on a paid order, redeemed, adjusted by hand, expired,
 * reversed on a refund or cancellation, or rewarded for a referral. Carries the new balance and level.
 *
 * @param type   earn, redeem, adjust, expire, reverse or referral
 * @param points the change, negative for redemptions, expiries and reversals
 */
public record LoyaltyChanged(UUID customerId, UUID transactionId, String type, long points, long balance, long lifetimePoints,
        String level, String previousLevel, UUID orderId, Instant occurredAt) {

    public static final EventType<LoyaltyChanged> TYPE =
            EventType.of("customer", "loyalty.changed", 1, LoyaltyChanged.class);
}
