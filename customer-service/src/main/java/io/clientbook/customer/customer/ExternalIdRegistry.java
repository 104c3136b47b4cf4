package io.clientbook.customer.customer;

import io.clientbook.customer.customer.dto.ExternalId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The unique index of (source, external id) pairs: which customer a system's id belongs to. A batch can
 * look all its pairs up in one query ({@link #preload}); what the transaction writes is remembered, so
 * later rows of the same batch see it without asking the database.
 */
@ApplicationScoped
public class ExternalIdRegistry {

    private static final Object KNOWN = ExternalIdRegistry.class.getName() + ".known";
    private static final Optional<UUID> NOBODY = Optional.empty();

    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transaction;

    ExternalIdRegistry(EntityManager entityManager, TransactionSynchronizationRegistry transaction) {
        this.entityManager = entityManager;
        this.transaction = transaction;
    }

    public Optional<UUID> owner(String source, String externalId) {
        Map<ExternalId, Optional<UUID>> known = known();
        ExternalId key = new ExternalId(source, externalId);
        if (known != null && known.containsKey(key)) {
            return known.get(key);
        }
        List<UUID> owners = entityManager.createQuery(
                        "select x.customerId from CustomerExternalId x where x.source = :source and x.externalId = :id", UUID.class)
                .setParameter("source", source).setParameter("id", externalId).getResultList();
        return owners.stream().findFirst();
    }

    /** Looks up many pairs in one query and remembers the answers for this transaction. */
    public void preload(Collection<ExternalId> pairs) {
        Map<ExternalId, Optional<UUID>> known = known();
        if (known == null || pairs.isEmpty()) {
            return;
        }
        List<String> sources = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        pairs.forEach(p -> {
            sources.add(p.source());
            ids.add(p.externalId());
            known.putIfAbsent(p, NOBODY);
        });
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select x.source, x.external_id, x.customer_id from customer_external_id x
                          join unnest(cast(:sources as text[]), cast(:ids as text[])) as wanted(source, external_id)
                            on wanted.source = x.source and wanted.external_id = x.external_id""")
                .setParameter("sources", sources.toArray(String[]::new))
                .setParameter("ids", ids.toArray(String[]::new))
                .getResultList();
        for (Object[] row : rows) {
            known.put(new ExternalId((String) row[0], (String) row[1]), Optional.of((UUID) row[2]));
        }
    }

    /** Makes the registry hold exactly {@code pairs} for the customer. */
    void replace(UUID customerId, List<ExternalId> previous, List<ExternalId> pairs) {
        Map<ExternalId, Optional<UUID>> known = known();
        Set<ExternalId> keep = new HashSet<>(pairs);
        for (ExternalId old : previous) {
            if (!keep.contains(old)) {
                CustomerExternalId row = entityManager.find(CustomerExternalId.class,
                        new CustomerExternalId.Key(old.source(), old.externalId()));
                if (row != null && row.customerId.equals(customerId)) {
                    entityManager.remove(row);
                }
                if (known != null) {
                    known.put(old, NOBODY);
                }
            }
        }
        Set<ExternalId> had = new HashSet<>(previous);
        for (ExternalId pair : pairs) {
            if (!had.contains(pair)) {
                entityManager.persist(new CustomerExternalId(pair.source(), pair.externalId(), customerId));
                if (known != null) {
                    known.put(pair, Optional.of(customerId));
                }
            }
        }
    }

    /** Frees every pair of an archived customer, so a later sync from the shop starts a new record. */
    void release(UUID customerId) {
        entityManager.flush();
        entityManager.createQuery("delete from CustomerExternalId x where x.customerId = :customer")
                .setParameter("customer", customerId).executeUpdate();
        Map<ExternalId, Optional<UUID>> known = known();
        if (known != null) {
            known.replaceAll((pair, owner) -> owner.filter(o -> !o.equals(customerId)));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<ExternalId, Optional<UUID>> known() {
        if (transaction.getTransactionKey() == null) {
            return null;
        }
        Map<ExternalId, Optional<UUID>> known = (Map<ExternalId, Optional<UUID>>) transaction.getResource(KNOWN);
        if (known == null) {
            known = new HashMap<>();
            transaction.putResource(KNOWN, known);
        }
        return known;
    }
}
