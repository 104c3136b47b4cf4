package io.clientbook.customer.change;

import io.clientbook.platform.web.Paging;
import io.clientbook.customer.change.dto.HistoryEntry;
import io.clientbook.customer.change.dto.HistoryPage;
import io.clientbook.events.customer.CustomerUpdated;
import io.clientbook.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Who changed which fields of a customer, when, and through which channel; written with the change itself. */
@ApplicationScoped
public class FieldHistory {

    private final EntityManager entityManager;

    FieldHistory(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID customerId, long version, HistoryKind kind, Instant at, String actor, ChangeChannel channel,
            List<CustomerUpdated.Change> changes) {
        entityManager.persist(new CustomerHistoryEntry(customerId, version, kind, at, actor, channel, List.copyOf(changes)));
    }

    /** Keeps who changed which field and when, but no longer the values (erasure). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetValues(UUID customerId) {
        entityManager.createNativeQuery("""
                        update customer_history h set changes = coalesce((
                            select jsonb_agg(jsonb_build_object('field', change ->> 'field', 'oldValue', null, 'newValue', null))
                              from jsonb_array_elements(h.changes) as change), '[]'::jsonb)
                         where h.customer_id = :customer""")
                .setParameter("customer", customerId)
                .executeUpdate();
    }

    /** When each field of the customer last changed, for the fields that ever changed after creation. */
    public Map<String, Instant> lastChanged(UUID customerId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select change ->> 'field', max(h.changed_at) from customer_history h
                          cross join jsonb_array_elements(h.changes) as change
                         where h.customer_id = :customer group by 1""")
                .setParameter("customer", customerId)
                .getResultList();
        Map<String, Instant> changed = new HashMap<>();
        for (Object[] row : rows) {
            changed.put((String) row[0], row[1] instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) row[1]);
        }
        return changed;
    }

    /** Every change of a customer, newest first (privacy exports). */
    public List<HistoryEntry> all(UUID customerId) {
        List<HistoryEntry> all = new ArrayList<>();
        String cursor = null;
        do {
            HistoryPage page = of(customerId, cursor, 200);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    /** The customer's changes, newest first. */
    public HistoryPage of(UUID customerId, String cursor, Integer limit) {
        int size = Paging.limit(limit);
        long beforeVersion = Long.MAX_VALUE;
        long beforeId = Long.MAX_VALUE;
        if (cursor != null && !cursor.isBlank()) {
            String[] parts = Paging.parts(cursor, 2);
            try {
                beforeVersion = Long.parseLong(parts[0]);
                beforeId = Long.parseLong(parts[1]);
            } catch (NumberFormatException e) {
                throw Paging.invalidCursor();
            }
        }
        List<CustomerHistoryEntry> rows = entityManager.createQuery("""
                        from CustomerHistoryEntry h where h.customerId = :customer
                         and (h.version < :version or (h.version = :version and h.id < :id))
                         order by h.version desc, h.id desc""", CustomerHistoryEntry.class)
                .setParameter("customer", customerId)
                .setParameter("version", beforeVersion)
                .setParameter("id", beforeId)
                .setMaxResults(size + 1)
                .getResultList();
        boolean more = rows.size() > size;
        List<CustomerHistoryEntry> page = more ? rows.subList(0, size) : rows;
        String next = more ? Paging.cursor(page.getLast().version, page.getLast().id) : null;
        return new HistoryPage(page.stream().map(h -> new HistoryEntry(h.version, h.kind, h.changedAt, h.actor, h.channel,
                h.changes == null ? List.of() : h.changes)).toList(), next);
    }
}
