package io.clientbook.customer.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A customer record. Never leaves customer-service: resources answer with {@code CustomerView}. */
@Entity
@Table(name = "customer")
public class Customer {

    @Id
    private UUID id;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "emails", nullable = false)
    private List<EmailAddress> emails = new ArrayList<>();

    @Column(name = "owner_id")
    private String ownerId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Customer() {
    }

    static Customer create(String displayName, List<EmailAddress> emails, String ownerId, Instant now) {
        Customer customer = new Customer();
        customer.id = UUID.randomUUID();
        customer.displayName = displayName;
        customer.emails = new ArrayList<>(emails);
        customer.ownerId = ownerId;
        customer.createdAt = now;
        customer.updatedAt = now;
        return customer;
    }

    public UUID id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public List<EmailAddress> emails() {
        return List.copyOf(emails);
    }

    public String ownerId() {
        return ownerId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }

    @Override
    public String toString() {
        return "Customer[id=" + id + "]"; // no personal data in logs
    }

    /** An e-mail address of the customer, stored normalised (trimmed, domain lower-cased). */
    public record EmailAddress(String address, boolean primary) {
    }
}
