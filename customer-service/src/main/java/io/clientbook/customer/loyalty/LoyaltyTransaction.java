package io.clientbook.customer.loyalty;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One line of the points ledger. Earn and referral lines are lots whose {@code remaining} points can be used. */
@Entity
@Table(name = "loyalty_transaction")
class LoyaltyTransaction {

    @Id
    UUID id;
    @Column(insertable = false, updatable = false)
    Long seq;
    @Column(name = "customer_id", nullable = false)
    UUID customerId;
    String type;
    long points;
    @Column(name = "balance_after")
    long balanceAfter;
    @Column(name = "order_id")
    UUID orderId;
    @Column(name = "related_customer_id")
    UUID relatedCustomerId;
    String reason;
    Long remaining;
    @Column(name = "expires_at")
    Instant expiresAt;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "created_by")
    String createdBy;

    protected LoyaltyTransaction() {
    }

    LoyaltyTransaction(UUID customerId, String type, long points, long balanceAfter, Instant createdAt, String createdBy) {
        this.id = UUID.randomUUID();
        this.customerId = customerId;
        this.type = type;
        this.points = points;
        this.balanceAfter = balanceAfter;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }
}
