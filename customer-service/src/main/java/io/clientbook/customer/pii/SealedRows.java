package io.clientbook.customer.pii;

/**
 * A table holding sealed personal data, as the re-sealing pass ({@link PiiResealing}) sees it: it walks the
 * table in its own key order, batch by batch, and re-seals under the active keys every row that still holds
 * plaintext from before sealing or anything sealed under another key. Re-sealing changes no data.
 */
public interface SealedRows {

    /** The table's name, for logs and the {@code clientbook_pii_resealed_total{table}} counter. */
    String table();

    /**
     * In the caller's transaction: re-seals up to {@code size} rows whose key comes after {@code after} (null:
     * from the start), locking them and skipping rows another instance holds.
     */
    Batch resealAfter(String after, int size);

    /** What one batch did; {@code last} is the key of the last row looked at, null when there were none. */
    record Batch(int resealed, int unreadable, String last) {
    }
}
