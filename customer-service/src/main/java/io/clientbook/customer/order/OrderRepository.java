package io.clientbook.customer.order;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<CustomerOrder, UUID> {

    Optional<CustomerOrder> byExternalId(String source, String externalId) {
        return find("source = ?1 and externalId = ?2", source, externalId).firstResultOptional();
    }

    /** Newest first; continues after (placedAt, id) when given. */
    List<CustomerOrder> ofCustomer(UUID customerId, Instant afterPlacedAt, UUID afterId, int limit) {
        if (afterPlacedAt == null) {
            return find("customerId = :c order by placedAt desc, id desc", Parameters.with("c", customerId)).page(0, limit).list();
        }
        return find("customerId = :c and (placedAt < :at or (placedAt = :at and id < :id)) order by placedAt desc, id desc",
                Parameters.with("c", customerId).and("at", afterPlacedAt).and("id", afterId)).page(0, limit).list();
    }
}
