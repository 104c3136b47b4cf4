package io.clientbook.customer.pii;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals personal data for the database: AES-256-GCM with a fresh 96-bit nonce per value, the key id in the
 * clear in front ({@code v1:<key id>:<base64url(nonce | ciphertext | tag)>}) so any key of the ring can open it,
 * and the column it belongs to as associated data, so a value copied into another column does not open. A
 * value that does not open (tampered, wrong column, unknown key) is an error, never silently empty.
 */
@ApplicationScoped
@Startup // a missing or malformed key stops the service at boot, not at the first customer
public class PiiCipher {

    static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final KeyRing keys;
    private final SecureRandom random = new SecureRandom();

    @jakarta.inject.Inject
    PiiCipher(PiiConfig config) {
        this(KeyRing.parse("clientbook.pii.keys", config.keys(), config.activeKey(), 32, 32));
    }

    PiiCipher(KeyRing keys) {
        this.keys = keys;
    }

    /** Encrypts {@code plaintext} for {@code column} (e.g. {@code customer.emails}); null stays null. */
    public String seal(String plaintext, String column) {
        if (plaintext == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.active(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(keys.activeId(), column));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + ":" + keys.activeId() + ":" + ENCODER.encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Decrypts what {@link #seal} made for the same column; null stays null. */
    public String open(String sealed, String column) {
        if (sealed == null) {
            return null;
        }
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw new Unreadable("a value in " + column + " is not sealed in a format this version knows");
        }
        byte[] key = keys.get(parts[1]).orElseThrow(() -> new Unreadable("a value in " + column + " is sealed under key "
                + parts[1] + ", which is not in clientbook.pii.keys (was it removed before re-sealing finished?)"));
        byte[] bytes;
        try {
            bytes = DECODER.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new Unreadable("a value in " + column + " is damaged");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new Unreadable("a value in " + column + " is damaged");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(parts[1], column));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new Unreadable("a value in " + column + " does not authenticate (changed, or copied from another column)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Whether a text has the shape of a sealed value (a birthday or a name never starts with "v1:"). */
    public static boolean looksSealed(String text) {
        return text.startsWith(VERSION + ":");
    }

    /** The start of every value sealed under the active key: what the re-sealing job looks for the absence of. */
    public String activePrefix() {
        return VERSION + ":" + keys.activeId() + ":";
    }

    public String activeKeyId() {
        return keys.activeId();
    }

    /** Whether the ring holds keys besides the active one, i.e. whether a rotation may be under way. */
    public boolean rotating() {
        return keys.rotating();
    }

    private static byte[] associatedData(String keyId, String column) {
        return (VERSION + ":" + keyId + ":" + column).getBytes(StandardCharsets.UTF_8);
    }

    /** A sealed value that cannot be opened: data damage or a key missing from the ring; never carries the value. */
    public static final class Unreadable extends IllegalStateException {
        Unreadable(String message) {
            super(message);
        }
    }
}
