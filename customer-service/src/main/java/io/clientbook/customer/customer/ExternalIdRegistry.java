package io.clientbook.customer.customer;

import io.clientbook.customer.customer.dto.ExternalId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The unique index of (source, external id) pairs: which customer a shop's id belongs to. */
@ApplicationScoped
public class ExternalIdRegistry {

    private final EntityManager entityManager;

    ExternalIdRegistry(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Optional<UUID> owner(String source, String externalId) {
        @SuppressWarnings("unchecked")
        List<UUID> owners = entityManager.createNativeQuery(
                        "select customer_id from customer_external_id where source = :source and external_id = :id")
                .setParameter("source", source).setParameter("id", externalId).getResultList();
        return owners.stream().findFirst();
    }

    /** Makes the registry hold exactly {@code pairs} for the customer. */
    void replace(UUID customerId, List<ExternalId> previous, List<ExternalId> pairs) {
        Set<ExternalId> keep = new HashSet<>(pairs);
        for (ExternalId old : previous) {
            if (!keep.contains(old)) {
                entityManager.createNativeQuery(
                                "delete from customer_external_id where source = :source and external_id = :id and customer_id = :customer")
                        .setParameter("source", old.source()).setParameter("id", old.externalId())
                        .setParameter("customer", customerId).executeUpdate();
            }
        }
        Set<ExternalId> had = new HashSet<>(previous);
        for (ExternalId pair : pairs) {
            if (!had.contains(pair)) {
                entityManager.createNativeQuery(
                                "insert into customer_external_id (source, external_id, customer_id) values (:source, :id, :customer)")
                        .setParameter("source", pair.source()).setParameter("id", pair.externalId())
                        .setParameter("customer", customerId).executeUpdate();
            }
        }
    }

    /** Frees every pair of an archived customer, so a later sync from the shop starts a new record. */
    void release(UUID customerId) {
        entityManager.createNativeQuery("delete from customer_external_id where customer_id = :customer")
                .setParameter("customer", customerId).executeUpdate();
    }
}
