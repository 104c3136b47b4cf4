package io.clientbook.analytics.projection;

import io.clientbook.analytics.projection.dto.CustomerAnalyticsView;
import io.clientbook.events.customer.CustomerCreated;
import io.clientbook.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** Keeps the customer projection current from events and answers reads of it. */
@ApplicationScoped
public class CustomerProjectionService {

    private final CustomerProjectionRepository projections;

    CustomerProjectionService(CustomerProjectionRepository projections) {
        this.projections = projections;
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

    public CustomerAnalyticsView get(UUID customerId) {
        CustomerProjection p = projections.findByIdOptional(customerId)
                .orElseThrow(() -> new ProblemException.NotFound("Customer", customerId));
        return new CustomerAnalyticsView(p.customerId(), p.customerSince(), p.purchaseCount(), p.totalSpent(),
                p.firstPurchaseAt(), p.lastPurchaseAt(), p.updatedAt());
    }
}
