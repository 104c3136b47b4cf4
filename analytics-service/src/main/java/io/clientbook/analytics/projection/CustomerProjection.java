package io.clientbook.analytics.projection;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Analytics' own view of one customer, built from customer and order events (written with SQL, read here). */
@Entity
@Table(name = "customer_projection")
public class CustomerProjection {

    @Id
    @Column(name = "customer_id")
    private UUID customerId;

    @Column(name = "owner_id")
    private String ownerId;

    @Column(name = "customer_since", nullable = false)
    private Instant customerSince;

    @Column(name = "purchase_count", nullable = false)
    private int purchaseCount;

    @Column(name = "total_spent", nullable = false)
    private BigDecimal totalSpent = BigDecimal.ZERO;

    @Column(name = "first_purchase_at")
    private Instant firstPurchaseAt;

    @Column(name = "last_purchase_at")
    private Instant lastPurchaseAt;

    /** How many events were applied: with the inbox, each exactly once. */
    @Column(name = "events_applied", nullable = false)
    private int eventsApplied;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CustomerProjection() {
    }


    public UUID customerId() {
        return customerId;
    }

    public String ownerId() {
        return ownerId;
    }

    public Instant customerSince() {
        return customerSince;
    }

    public int purchaseCount() {
        return purchaseCount;
    }

    public BigDecimal totalSpent() {
        return totalSpent;
    }

    public Instant firstPurchaseAt() {
        return firstPurchaseAt;
    }

    public Instant lastPurchaseAt() {
        return lastPurchaseAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
