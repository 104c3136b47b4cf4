package io.clientbook.customer.order;

import io.clientbook.customer.order.dto.OrderInput;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.descriptor.java.Immutability;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One order of a customer, known by its (source, external id). */
@Entity
@Table(name = "customer_order")
public class CustomerOrder {

    @Id
    UUID id;
    @Column(nullable = false)
    String source;
    @Column(name = "external_id", nullable = false)
    String externalId;
    @Column(name = "customer_id", nullable = false)
    UUID customerId;
    @Column(name = "placed_at", nullable = false)
    Instant placedAt;
    @Column(nullable = false)
    String status;
    @Column(nullable = false)
    String currency;
    @Column(nullable = false)
    BigDecimal total;
    @Column(name = "discount_total", nullable = false)
    BigDecimal discountTotal = BigDecimal.ZERO;
    String channel;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    @Column(name = "line_items")
    List<OrderInput.LineItem> lineItems = new ArrayList<>();
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
    @Version
    long version;

    protected CustomerOrder() {
    }

    static CustomerOrder newOrder(String source, String externalId, Instant now) {
        CustomerOrder order = new CustomerOrder();
        order.id = UUID.randomUUID();
        order.source = source;
        order.externalId = externalId;
        order.createdAt = now;
        order.updatedAt = now;
        return order;
    }

    @Override
    public String toString() {
        return "CustomerOrder[id=" + id + "]";
    }
}
