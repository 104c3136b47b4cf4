package io.clientbook.customer.integration;

/**
 * A delivery whose body cannot be read as its topic says: parked as failed with this reason at once (sending
 * it again would not help). The message names fields, never their values.
 */
class MalformedPayload extends RuntimeException {

    MalformedPayload(String reason) {
        super(reason, null, false, false);
    }
}
