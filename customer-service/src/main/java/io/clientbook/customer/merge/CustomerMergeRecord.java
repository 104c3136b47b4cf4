package io.clientbook.customer.merge;

import io.clientbook.customer.customer.dto.CustomerInput;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.descriptor.java.Immutability;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The lineage of one customer merged into a survivor: enough to undo the merge exactly. */
@Entity
@Table(name = "customer_merge")
class CustomerMergeRecord {

    @Id
    UUID id;
    @Column(name = "survivor_id", nullable = false)
    UUID survivorId;
    @Column(name = "merged_id", nullable = false)
    UUID mergedId;
    @Column(name = "merged_at", nullable = false)
    Instant mergedAt;
    @Column(name = "merged_by")
    String mergedBy;
    @Convert(converter = SealedSnapshot.class)
    @Mutability(Immutability.class)
    @Column(name = "survivor_before", nullable = false)
    CustomerInput survivorBefore;
    @Convert(converter = SealedSnapshot.class)
    @Mutability(Immutability.class)
    @Column(name = "merged_before", nullable = false)
    CustomerInput mergedBefore;
    @Convert(converter = SealedSnapshot.class)
    @Mutability(Immutability.class)
    @Column(name = "survivor_after", nullable = false)
    CustomerInput survivorAfter;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "order_ids", nullable = false)
    List<UUID> orderIds;
    @Column(name = "unmerged_at")
    Instant unmergedAt;

    protected CustomerMergeRecord() {
    }

    CustomerMergeRecord(UUID survivorId, UUID mergedId, Instant mergedAt, String mergedBy, CustomerInput survivorBefore,
            CustomerInput mergedBefore, CustomerInput survivorAfter, List<UUID> orderIds) {
        this.id = UUID.randomUUID();
        this.survivorId = survivorId;
        this.mergedId = mergedId;
        this.mergedAt = mergedAt;
        this.mergedBy = mergedBy;
        this.survivorBefore = survivorBefore;
        this.mergedBefore = mergedBefore;
        this.survivorAfter = survivorAfter;
        this.orderIds = List.copyOf(orderIds);
    }

    @Override
    public String toString() {
        return "CustomerMergeRecord[id=" + id + "]"; // no personal data in logs
    }
}
