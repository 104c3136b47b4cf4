package io.clientbook.customer.pii;

import io.clientbook.platform.web.StoredResponses;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;

/**
 * Responses kept for {@code Idempotency-Key} replays are customers with their contacts: sealed like the record.
 * A key stays in the ring for at least the 24 h such a response is kept (docs/operations.md).
 */
@ApplicationScoped
public class SealedResponses implements StoredResponses {

    private static final String COLUMN = "idempotency_record.body";

    private final PiiCipher cipher;

    SealedResponses(PiiCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public byte[] seal(byte[] body) {
        return cipher.seal(new String(body, StandardCharsets.UTF_8), COLUMN).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] open(byte[] stored) {
        String text = new String(stored, StandardCharsets.UTF_8);
        return PiiCipher.looksSealed(text) ? cipher.open(text, COLUMN).getBytes(StandardCharsets.UTF_8) : stored;
    }
}
