package io.clientbook.customer.integration;

import io.clientbook.customer.pii.PiiCipher;
import io.clientbook.customer.pii.SealedRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * The integrations' sealed columns for the re-sealing pass: shops' webhook secrets and deliveries' raw bodies, moved
 * to the active key when keys rotate; each table is walked by id.
 */
public final class IntegrationSealing {

    private static final Logger LOG = Logger.getLogger(IntegrationSealing.class);

    private IntegrationSealing() {
    }

    /** Re-seals one batch of {@code table.column} (sealed for {@code sealedColumn}) in the caller's transaction. */
    public static SealedRows.Batch resealAfter(EntityManager entityManager, PiiCipher cipher, String table, String column, String sealedColumn,
            String afterId, int size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(("select id, %s from %s where id > :after and %s is not null"
                        + " and not starts_with(%s, :prefix) order by id limit :size for update skip locked")
                        .formatted(column, table, column, column))
                .setParameter("after", afterId == null ? new UUID(0L, 0L) : UUID.fromString(afterId))
                .setParameter("prefix", cipher.activePrefix())
                .setParameter("size", size)
                .getResultList();
        int resealed = 0;
        int unreadable = 0;
        for (Object[] row : rows) {
            try {
                entityManager.createNativeQuery("update %s set %s = :value where id = :id".formatted(table, column))
                        .setParameter("value", cipher.seal(cipher.open((String) row[1], sealedColumn), sealedColumn))
                        .setParameter("id", row[0])
                        .executeUpdate();
                resealed++;
            } catch (PiiCipher.Unreadable e) {
                LOG.warnf("%s %s: %s", table, row[0], e.getMessage());
                unreadable++;
            }
        }
        return new SealedRows.Batch(resealed, unreadable, rows.isEmpty() ? null : rows.getLast()[0].toString());
    }

    @ApplicationScoped
    static class ShopSecrets implements SealedRows {
        private final EntityManager entityManager;
        private final PiiCipher cipher;

        ShopSecrets(EntityManager entityManager, PiiCipher cipher) {
            this.entityManager = entityManager;
            this.cipher = cipher;
        }

        @Override
        public String table() {
            return "shop_connection";
        }

        @Override
        @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
        public Batch resealAfter(String after, int size) {
            return IntegrationSealing.resealAfter(entityManager, cipher, "shop_connection", "webhook_secret", ShopConnection.SECRET_COLUMN,
                    after, size);
        }
    }

    @ApplicationScoped
    static class DeliveryBodies implements SealedRows {
        private final EntityManager entityManager;
        private final PiiCipher cipher;

        DeliveryBodies(EntityManager entityManager, PiiCipher cipher) {
            this.entityManager = entityManager;
            this.cipher = cipher;
        }

        @Override
        public String table() {
            return "webhook_delivery";
        }

        @Override
        @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
        public Batch resealAfter(String after, int size) {
            return IntegrationSealing.resealAfter(entityManager, cipher, "webhook_delivery", "body", DeliveryLog.BODY_COLUMN, after, size);
        }
    }
}
