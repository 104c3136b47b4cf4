package io.clientbook.customer.change;

import io.clientbook.platform.web.Paging;
import io.clientbook.customer.change.dto.HistoryEntry;
import io.clientbook.customer.change.dto.HistoryPage;
import io.clientbook.events.customer.CustomerUpdated;
import io.clientbook.platform.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.customer.pii.PiiCipher;
import io.clientbook.customer.pii.SealedRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Who changed which fields of a customer, when, and through which channel; written with the change itself. */
@ApplicationScoped
public class FieldHistory {

    /** Fields whose old and new values are personal data: sealed in the history as on the record. */
    public static final Set<String> SEALED_FIELDS = Set.of("emails", "phones", "addresses", "birthday");

    private final EntityManager entityManager;
    private final PiiCipher cipher;
    private final ObjectMapper json;

    FieldHistory(EntityManager entityManager, PiiCipher cipher, ObjectMapper json) {
        this.entityManager = entityManager;
        this.cipher = cipher;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID customerId, long version, HistoryKind kind, Instant at, String actor, ChangeChannel channel,
            List<CustomerUpdated.Change> changes) {
        entityManager.persist(new CustomerHistoryEntry(customerId, version, kind, at, actor, channel,
                changes.stream().map(this::sealed).toList()));
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
                h.changes == null ? List.of() : h.changes.stream().map(this::opened).toList())).toList(), next);
    }

    /**
     * Re-seals, after history row {@code after} (by id), up to {@code size} rows whose personal values are
     * plaintext (written before sealing) or sealed under a key that is no longer the active one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    SealedRows.Batch resealBatch(long after, int size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select h.id, h.changes::text from customer_history h
                         where h.id > :after and exists (
                               select 1 from jsonb_array_elements(h.changes) c
                                where c ->> 'field' in ('emails', 'phones', 'addresses', 'birthday')
                                  and ((jsonb_typeof(c -> 'oldValue') <> 'null'
                                        and not (jsonb_typeof(c -> 'oldValue') = 'string' and starts_with(c ->> 'oldValue', :prefix)))
                                    or (jsonb_typeof(c -> 'newValue') <> 'null'
                                        and not (jsonb_typeof(c -> 'newValue') = 'string' and starts_with(c ->> 'newValue', :prefix)))))
                         order by h.id limit :size
                           for update skip locked""")
                .setParameter("after", after)
                .setParameter("prefix", cipher.activePrefix())
                .setParameter("size", size)
                .getResultList();
        int resealed = 0;
        int unreadable = 0;
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            try {
                List<CustomerUpdated.Change> changes = json.readValue((String) row[1],
                        json.getTypeFactory().constructCollectionType(List.class, CustomerUpdated.Change.class));
                entityManager.createNativeQuery("update customer_history set changes = cast(:changes as jsonb) where id = :id")
                        .setParameter("changes", json.writeValueAsString(changes.stream().map(this::opened).map(this::sealed).toList()))
                        .setParameter("id", id)
                        .executeUpdate();
                resealed++;
            } catch (PiiCipher.Unreadable | JsonProcessingException e) {
                unreadable++;
                org.jboss.logging.Logger.getLogger(FieldHistory.class).errorf("History row %d: %s; left as it is", id,
                        e instanceof PiiCipher.Unreadable ? e.getMessage() : "its changes are not JSON");
            }
        }
        return new SealedRows.Batch(resealed, unreadable, rows.isEmpty() ? null : rows.getLast()[0].toString());
    }

    /** A change with personal values sealed for the column {@code customer_history.<field>}. */
    public CustomerUpdated.Change sealed(CustomerUpdated.Change change) {
        if (!SEALED_FIELDS.contains(change.field())) {
            return change;
        }
        return new CustomerUpdated.Change(change.field(), seal(change.oldValue(), change.field()), seal(change.newValue(), change.field()));
    }

    /** The change as the API shows it; accepts values sealed under any key of the ring (and plaintext from before sealing). */
    public CustomerUpdated.Change opened(CustomerUpdated.Change change) {
        if (!SEALED_FIELDS.contains(change.field())) {
            return change;
        }
        return new CustomerUpdated.Change(change.field(), open(change.oldValue(), change.field()), open(change.newValue(), change.field()));
    }

    private Object seal(Object value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return cipher.seal(json.writeValueAsString(value), "customer_history." + field);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a history value", e);
        }
    }

    private Object open(Object value, String field) {
        if (!(value instanceof String text) || !PiiCipher.looksSealed(text)) {
            return value;
        }
        try {
            return json.readValue(cipher.open(text, "customer_history." + field), Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a history value (not the JSON this version writes)");
        }
    }
}
