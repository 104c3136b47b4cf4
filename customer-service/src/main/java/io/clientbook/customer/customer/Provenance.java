package io.clientbook.customer.customer;

/**
 * Where a write comes from. A person typing an invalid phone number gets an error; a shop sync or an
 * import keeps what the shop had (flagged {@code valid: false}) rather than losing the record.
 */
public enum Provenance {
    USER, SYNC
}
