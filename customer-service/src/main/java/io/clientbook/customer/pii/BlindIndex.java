package io.clientbook.customer.pii;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Keyed hashes of normalised e-mails and phones, so exact lookups and duplicate checks work on encrypted
 * contacts: {@code <key id>:<base64url(first 16 bytes of HMAC-SHA256(key, kind NUL value))>}. Without the key
 * a digest cannot be tested against a guessed address, unlike a plain hash; the kind in the input keeps an
 * e-mail's digest from ever equalling a phone's. Rows carry digests under the active index key; lookups try
 * every key in the ring, so they keep finding rows while the re-sealing job moves them to a new key.
 */
@ApplicationScoped
@Startup
public class BlindIndex {

    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final KeyRing keys;

    @jakarta.inject.Inject
    BlindIndex(PiiConfig config) {
        this(KeyRing.parse("clientbook.pii.index-keys", config.indexKeys(), config.activeIndexKey(), 32, 64));
    }

    BlindIndex(KeyRing keys) {
        this.keys = keys;
    }

    /** The digest a row stores for a normalised value (a lower-case e-mail, an E.164 number). */
    public String digest(String kind, String normalised) {
        return digest(keys.activeId(), keys.active(), kind, normalised);
    }

    /** The digests to look a normalised value up by: one per key in the ring, the active key's first. */
    public List<String> lookups(String kind, String normalised) {
        return keys.all().entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.equals(keys.activeId()) ? -1 : b.equals(keys.activeId()) ? 1 : a.compareTo(b)))
                .map(e -> digest(e.getKey(), e.getValue(), kind, normalised))
                .toList();
    }

    /** The start of every digest made under the active index key. */
    public String activePrefix() {
        return keys.activeId() + ":";
    }

    public boolean rotating() {
        return keys.rotating();
    }

    private static String digest(String keyId, byte[] key, String kind, String normalised) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(kind.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] full = mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
            return keyId + ":" + ENCODER.encodeToString(Arrays.copyOf(full, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
