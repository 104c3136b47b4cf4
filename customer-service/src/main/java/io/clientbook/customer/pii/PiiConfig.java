package io.clientbook.customer.pii;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * Keys for personal data at rest (a Kubernetes Secret in a cluster; {@code ./crm} makes its own). Each key is
 * {@code id:base64}; ids are letters, digits, {@code -} and {@code _}. Several keys make a ring: the active one
 * (by default the last) encrypts and indexes, every key in the ring can still be read until the re-sealing job
 * has moved everything to the active one. See docs/operations.md, "Rotating the PII keys".
 */
@ConfigMapping(prefix = "clientbook.pii")
public interface PiiConfig {

    /** AES-256-GCM keys (32 bytes each): {@code CLIENTBOOK_PII_KEYS}. */
    List<String> keys();

    /** The id of the key that encrypts; the last in {@link #keys()} when unset. */
    Optional<String> activeKey();

    /** HMAC-SHA256 keys (at least 32 bytes) for the blind indexes of e-mails and phones: {@code CLIENTBOOK_PII_INDEX_KEYS}. */
    List<String> indexKeys();

    /** The id of the index key new digests are made with; the last in {@link #indexKeys()} when unset. */
    Optional<String> activeIndexKey();

    /** How often the re-sealing job looks for data under a key that is not the active one (only while a ring has several). */
    @WithDefault("10m")
    Duration resealEvery();

    /** Customers (and history rows) re-sealed per transaction. */
    @WithDefault("200")
    int resealBatchSize();
}
