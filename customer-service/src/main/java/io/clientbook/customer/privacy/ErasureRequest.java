package io.clientbook.customer.privacy;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A person's erasure and each service's progress on it; completed once every service has confirmed. */
@Entity
@Table(name = "erasure_request")
class ErasureRequest {

    static final String PENDING = "pending";
    static final String COMPLETED = "completed";

    @Id
    UUID id;
    @Column(name = "customer_id", nullable = false)
    UUID customerId;
    String status;
    @Column(name = "requested_at", nullable = false)
    Instant requestedAt;
    @Column(name = "requested_by")
    String requestedBy;
    @Column(name = "completed_at")
    Instant completedAt;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "erasure_request_service", joinColumns = @JoinColumn(name = "request_id"))
    @MapKeyColumn(name = "service")
    @Column(name = "status")
    Map<String, String> services = new LinkedHashMap<>();

    protected ErasureRequest() {
    }

    ErasureRequest(UUID customerId, List<String> services, Instant now, String requestedBy) {
        this.id = UUID.randomUUID();
        this.customerId = customerId;
        this.status = PENDING;
        this.requestedAt = now;
        this.requestedBy = requestedBy;
        services.forEach(service -> this.services.put(service, PENDING));
    }

    /** Marks a service done; true when this completed the whole request. */
    boolean confirm(String service, Instant now) {
        if (!services.containsKey(service) || COMPLETED.equals(services.get(service))) {
            return false;
        }
        services.put(service, COMPLETED);
        if (services.values().stream().allMatch(COMPLETED::equals)) {
            status = COMPLETED;
            completedAt = now;
            return true;
        }
        return false;
    }
}
