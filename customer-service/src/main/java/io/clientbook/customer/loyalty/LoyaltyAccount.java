package io.clientbook.customer.loyalty;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A customer's points balance, lifetime points and level. Created on first use. */
@Entity
@Table(name = "loyalty_account")
class LoyaltyAccount {

    @Id
    @Column(name = "customer_id")
    UUID customerId;
    long balance;
    @Column(name = "lifetime_points")
    long lifetimePoints;
    String level;
    @Column(name = "referred_by")
    UUID referredBy;
    @Column(name = "referral_rewarded")
    boolean referralRewarded;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
    @Version
    long version;

    protected LoyaltyAccount() {
    }

    LoyaltyAccount(UUID customerId, String level, Instant now) {
        this.customerId = customerId;
        this.level = level;
        this.updatedAt = now;
    }
}
