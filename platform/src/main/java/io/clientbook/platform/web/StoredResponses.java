package io.clientbook.platform.web;

/**
 * How a service keeps the responses it stores for {@code Idempotency-Key} replays (24 h in its database). The
 * platform keeps them as they are; a service whose responses carry personal data (customer-service) provides a
 * bean that encrypts them, so the idempotency table is no way around its encryption at rest.
 */
public interface StoredResponses {

    /** What goes into the database for a response body. */
    byte[] seal(byte[] body);

    /** The body again, from what {@link #seal} stored (or from a row stored before sealing was configured). */
    byte[] open(byte[] stored);

    /** Stores bodies as they are: the default for services whose responses carry no personal data. */
    final class AsTheyAre implements StoredResponses {
        @Override
        public byte[] seal(byte[] body) {
            return body;
        }

        @Override
        public byte[] open(byte[] stored) {
            return stored;
        }
    }
}
