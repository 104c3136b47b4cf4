package io.clientbook.customer.merge;

import io.clientbook.customer.pii.PiiCipher;
import io.clientbook.customer.pii.SealedRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/** Merge snapshots for the re-sealing pass: plaintext ones from before sealing, and any under a retired key. */
@ApplicationScoped
class MergeLineageSealing implements SealedRows {

    private static final Logger LOG = Logger.getLogger(MergeLineageSealing.class);

    private final EntityManager entityManager;
    private final PiiCipher cipher;
    private final SealedSnapshot snapshots;

    MergeLineageSealing(EntityManager entityManager, PiiCipher cipher, SealedSnapshot snapshots) {
        this.entityManager = entityManager;
        this.cipher = cipher;
        this.snapshots = snapshots;
    }

    @Override
    public String table() {
        return "customer_merge";
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Batch resealAfter(String afterId, int size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select id, survivor_before, merged_before, survivor_after from customer_merge
                         where id > :after
                           and (not starts_with(survivor_before, :prefix) or not starts_with(merged_before, :prefix)
                                or not starts_with(survivor_after, :prefix))
                         order by id limit :size
                           for update skip locked""")
                .setParameter("after", afterId == null ? new UUID(0L, 0L) : UUID.fromString(afterId))
                .setParameter("prefix", cipher.activePrefix())
                .setParameter("size", size)
                .getResultList();
        int resealed = 0;
        int unreadable = 0;
        for (Object[] row : rows) {
            try {
                entityManager.createNativeQuery("""
                                update customer_merge set survivor_before = :a, merged_before = :b, survivor_after = :c where id = :id""")
                        .setParameter("a", cipher.seal(snapshots.plain((String) row[1]), SealedSnapshot.COLUMN))
                        .setParameter("b", cipher.seal(snapshots.plain((String) row[2]), SealedSnapshot.COLUMN))
                        .setParameter("c", cipher.seal(snapshots.plain((String) row[3]), SealedSnapshot.COLUMN))
                        .setParameter("id", row[0])
                        .executeUpdate();
                resealed++;
            } catch (PiiCipher.Unreadable e) {
                unreadable++;
                LOG.errorf("Merge record %s: %s; left as it is", row[0], e.getMessage());
            }
        }
        return new Batch(resealed, unreadable, rows.isEmpty() ? null : rows.getLast()[0].toString());
    }
}
