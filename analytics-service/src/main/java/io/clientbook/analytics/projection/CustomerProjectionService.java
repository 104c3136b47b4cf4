package io.clientbook.analytics.projection;

import io.clientbook.analytics.projection.dto.CustomerAnalyticsView;
import io.clientbook.events.customer.CustomerCreated;
import io.clientbook.events.customer.CustomerErased;
import io.clientbook.events.customer.CustomerMerged;
import io.clientbook.events.customer.CustomerUnmerged;
import io.clientbook.events.customer.CustomerUpdated;
import io.clientbook.events.privacy.ErasureConfirmed;
import io.clientbook.platform.outbox.Outbox;
import io.clientbook.platform.problem.ProblemException;
import io.clientbook.platform.security.OwnerVisibility;
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
    private final OwnerVisibility visibility;

    CustomerProjectionService(CustomerProjectionRepository projections, Outbox outbox, OwnerVisibility visibility) {
        this.projections = projections;
        this.outbox = outbox;
        this.visibility = visibility;
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

    /** Follows the customer's owner, which decides who may read its figures. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerUpdated(CustomerUpdated event) {
        event.changes().stream().filter(change -> "ownerId".equals(change.field())).findFirst().ifPresent(change ->
                projections.findByIdOptional(event.customerId()).ifPresent(p ->
                        p.ownedBy(change.newValue() == null ? null : change.newValue().toString())));
    }

    /** Deletes what analytics holds on the person (the customer and records merged into it) and confirms. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerErased(CustomerErased event) {
        List<UUID> ids = new java.util.ArrayList<>(event.mergedIds());
        ids.add(event.customerId());
        projections.delete("customerId in ?1", ids);
        projections.getEntityManager().createNativeQuery("delete from customer_alias where merged_id = any(:ids) or survivor_id = any(:ids)")
                .setParameter("ids", ids.toArray(UUID[]::new)).executeUpdate();
        outbox.record(ErasureConfirmed.TYPE, event.erasureRequestId().toString(), new ErasureConfirmed(event.erasureRequestId(),
                event.customerId(), SERVICE, Instant.now()));
    }

    /**
     * Records merged customers as aliases of the survivor. Their projections keep the facts they came with,
     * so a later unmerge takes back exactly theirs; reads of the survivor take in the whole group.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerMerged(CustomerMerged event) {
        for (UUID merged : event.mergedIds()) {
            projections.getEntityManager().createNativeQuery("""
                            insert into customer_alias (merged_id, survivor_id) values (:merged, :survivor)
                            on conflict (merged_id) do update set survivor_id = excluded.survivor_id""")
                    .setParameter("merged", merged).setParameter("survivor", event.survivorId()).executeUpdate();
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void customerUnmerged(CustomerUnmerged event) {
        projections.getEntityManager().createNativeQuery("delete from customer_alias where merged_id = :restored and survivor_id = :survivor")
                .setParameter("restored", event.restoredId()).setParameter("survivor", event.survivorId()).executeUpdate();
    }

    /** What analytics knows of a customer, including the customers merged into it. */
    public CustomerAnalyticsView get(UUID customerId) {
        var entityManager = projections.getEntityManager();
        @SuppressWarnings("unchecked")
        List<UUID> survivor = entityManager.createNativeQuery("""
                        with recursive chain(id) as (
                            select survivor_id from customer_alias where merged_id = :id
                            union select a.survivor_id from customer_alias a join chain on a.merged_id = chain.id)
                        select id from chain where id not in (select merged_id from customer_alias)""")
                .setParameter("id", customerId).getResultList();
        if (!survivor.isEmpty()) {
            throw new ProblemException.NotFound("Customer " + customerId + " was merged into " + survivor.getFirst(),
                    java.util.Map.of("mergedInto", survivor.getFirst()));
        }
        CustomerProjection own = projections.findById(customerId);
        if (own != null && !visibility.maySee(own.ownerId())) {
            throw new ProblemException.NotFound("Customer", customerId);
        }
        Object[] group = (Object[]) entityManager.createNativeQuery("""
                        with recursive grp(id) as (
                            select cast(:id as uuid) union select a.merged_id from customer_alias a join grp on a.survivor_id = grp.id)
                        select count(*), min(customer_since), coalesce(sum(purchase_count), 0), coalesce(sum(total_spent), 0),
                               min(first_purchase_at), max(last_purchase_at), max(updated_at)
                          from customer_projection where customer_id in (select id from grp)""")
                .setParameter("id", customerId).getSingleResult();
        if (((Number) group[0]).longValue() == 0) {
            throw new ProblemException.NotFound("Customer", customerId);
        }
        return new CustomerAnalyticsView(customerId, instant(group[1]), ((Number) group[2]).intValue(), (java.math.BigDecimal) group[3],
                instant(group[4]), instant(group[5]), instant(group[6]));
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case java.time.OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("not a timestamp: " + value.getClass());
        };
    }
}
