package io.clientbook.customer.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.UUID;

/** One (source, external id) pair and the customer it belongs to; the primary key makes pairs unique. */
@Entity
@Table(name = "customer_external_id")
@IdClass(CustomerExternalId.Key.class)
class CustomerExternalId {

    @Id
    String source;
    @Id
    @Column(name = "external_id")
    String externalId;
    @Column(name = "customer_id", nullable = false)
    UUID customerId;

    protected CustomerExternalId() {
    }

    CustomerExternalId(String source, String externalId, UUID customerId) {
        this.source = source;
        this.externalId = externalId;
        this.customerId = customerId;
    }

    record Key(String source, String externalId) implements Serializable {
        Key() {
            this(null, null);
        }
    }
}
