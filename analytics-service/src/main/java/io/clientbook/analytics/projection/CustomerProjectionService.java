package io.clientbook.analytics.projection;

import io.clientbook.analytics.projection.dto.CustomerAnalyticsView;
import io.clientbook.events.customer.CustomerCreated;
import io.clientbook.events.customer.CustomerErased;
import io.clientbook.events.privacy.ErasureConfirmed;
import io.clientbook.platform.outbox.Outbox;
import io.clientbook.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Keeps the customer projection current from events and answers reads of it. */
@ApplicationScoped
public class CustomerProjectionService {

    static final String SERVICE = "analytics-service";

    private final CustomerProjectionRepository projections;
    private final Outbox outbox;

    CustomerProjectionService(CustomerProjectionRepository projections, Outbox outbox) {
        this.projections = projections;
        this.outbox = outbox;
    }

    /** Starts the projection of a new customer; a second creation event for the same id changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerCreated(CustomerCreated event) {
        CustomerProjection projection = projections.findByIdOptional(event.customerId()).orElseGet(() -> {
            CustomerProjection created = CustomerProjection.startedBy(event.customerId(), event.ownerId(), event.createdAt());
            projections.persist(created);
            return created;
        });
        projection.applied();
    }

    /** Deletes what analytics holds on the person (the customer and records merged into it) and confirms. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerErased(CustomerErased event) {
        List<UUID> ids = new java.util.ArrayList<>(event.mergedIds());
        ids.add(event.customerId());
        projections.delete("customerId in ?1", ids);
        outbox.record(ErasureConfirmed.TYPE, event.erasureRequestId().toString(), new ErasureConfirmed(event.erasureRequestId(),
                event.customerId(), SERVICE, Instant.now()));
    }

    public CustomerAnalyticsView get(UUID customerId) {
        CustomerProjection p = projections.findByIdOptional(customerId)
                .orElseThrow(() -> new ProblemException.NotFound("Customer", customerId));
        return new CustomerAnalyticsView(p.customerId(), p.customerSince(), p.purchaseCount(), p.totalSpent(),
                p.firstPurchaseAt(), p.lastPurchaseAt(), p.updatedAt());
    }
}
