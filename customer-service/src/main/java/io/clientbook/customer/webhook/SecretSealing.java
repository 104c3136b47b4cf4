package io.clientbook.customer.webhook;

import io.clientbook.customer.integration.IntegrationSealing;
import io.clientbook.customer.pii.PiiCipher;
import io.clientbook.customer.pii.SealedRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Webhook signing secrets for the re-sealing pass. */
@ApplicationScoped
class SecretSealing implements SealedRows {

    private final EntityManager entityManager;
    private final PiiCipher cipher;

    SecretSealing(EntityManager entityManager, PiiCipher cipher) {
        this.entityManager = entityManager;
        this.cipher = cipher;
    }

    @Override
    public String table() {
        return "webhook_secret";
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Batch resealAfter(String after, int size) {
        return IntegrationSealing.resealAfter(entityManager, cipher, "webhook_secret", "secret", Subscriptions.SECRET_COLUMN, after, size);
    }
}
