package io.clientbook.analytics.projection;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class CustomerProjectionRepository implements PanacheRepositoryBase<CustomerProjection, UUID> {
}
