package io.clientbook.customer.pii;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cipher and the blind index on their own: what opens, what does not, and what a bad key setting says. */
class PiiCipherTest {

    private static final String OLD = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private static PiiCipher cipher(String... entries) {
        return new PiiCipher(KeyRing.parse("clientbook.pii.keys", List.of(entries), Optional.empty(), 32, 32));
    }

    @Test
    void aSealedValueOpensOnlyForItsColumnAndNeverLooksTheSameTwice() {
        PiiCipher cipher = cipher("k1:" + NEW);
        String a = cipher.seal("[{\"address\":\"ann@example.com\"}]", "customer.emails");
        String b = cipher.seal("[{\"address\":\"ann@example.com\"}]", "customer.emails");
        assertTrue(a.startsWith("v1:k1:"));
        assertFalse(a.contains("ann"));
        assertNotEquals(a, b, "a fresh nonce each time: equal values do not give equal ciphertexts");
        assertEquals("[{\"address\":\"ann@example.com\"}]", cipher.open(a, "customer.emails"));
        var moved = assertThrows(PiiCipher.Unreadable.class, () -> cipher.open(a, "customer.phones"));
        assertTrue(moved.getMessage().contains("customer.phones"));
    }

    @Test
    void aChangedByteIsCaughtNotDecryptedIntoSomethingElse() {
        PiiCipher cipher = cipher("k1:" + NEW);
        String sealed = cipher.seal("1990-01-31", "customer.birthday");
        char last = sealed.charAt(sealed.length() - 3);
        String tampered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);
        assertThrows(PiiCipher.Unreadable.class, () -> cipher.open(tampered, "customer.birthday"));
        assertThrows(PiiCipher.Unreadable.class, () -> cipher.open("v1:k1:short", "customer.birthday"));
        assertThrows(PiiCipher.Unreadable.class, () -> cipher.open("plain text", "customer.birthday"));
    }

    @Test
    void aRingOpensWhatOlderKeysSealedAndSealsWithTheActiveOne() {
        String underOld = cipher("k1:" + OLD).seal("secret", "c");
        PiiCipher ring = cipher("k1:" + OLD, "k2:" + NEW);
        assertEquals("secret", ring.open(underOld, "c"));
        assertTrue(ring.seal("secret", "c").startsWith("v1:k2:"));
        assertEquals("v1:k2:", ring.activePrefix());
        assertTrue(ring.rotating());
        var gone = assertThrows(PiiCipher.Unreadable.class, () -> cipher("k2:" + NEW).open(underOld, "c"));
        assertTrue(gone.getMessage().contains("key k1"), gone.getMessage());
    }

    @Test
    void badKeySettingsStopTheServiceWithAMessageThatNamesNoKeyMaterial() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        for (List<String> bad : List.of(List.<String>of(), List.of("k1"), List.of("k 1:" + NEW), List.of("k1:***"),
                List.of("k1:" + shortKey), List.of("k1:" + NEW, "k1:" + OLD))) {
            var refused = assertThrows(IllegalStateException.class,
                    () -> KeyRing.parse("clientbook.pii.keys", bad, Optional.empty(), 32, 32), bad.toString());
            assertTrue(refused.getMessage().startsWith("clientbook.pii.keys"), refused.getMessage());
            assertFalse(refused.getMessage().contains(NEW) || refused.getMessage().contains(shortKey), refused.getMessage());
        }
        var notInRing = assertThrows(IllegalStateException.class,
                () -> KeyRing.parse("clientbook.pii.keys", List.of("k1:" + NEW), Optional.of("k2"), 32, 32));
        assertTrue(notInRing.getMessage().contains("k2 is not in the ring"));
        assertEquals("k1", KeyRing.parse("s", List.of("k0:" + OLD, "k1:" + NEW), Optional.empty(), 32, 32).activeId(),
                "without an active id, the last key is active");
    }

    @Test
    void digestsDependOnTheKeyAndTheKindAndLookupsCoverTheWholeRing() {
        BlindIndex one = new BlindIndex(KeyRing.parse("i", List.of("i1:" + NEW), Optional.empty(), 32, 64));
        BlindIndex other = new BlindIndex(KeyRing.parse("i", List.of("i1:" + OLD), Optional.empty(), 32, 64));
        String email = one.digest(BlindIndex.EMAIL, "ann@example.com");
        assertEquals(email, one.digest(BlindIndex.EMAIL, "ann@example.com"), "deterministic, so it can be looked up");
        assertNotEquals(email, other.digest(BlindIndex.EMAIL, "ann@example.com"), "keyed: no key, no guessing");
        assertNotEquals(email, one.digest(BlindIndex.PHONE, "ann@example.com"));
        assertTrue(email.startsWith("i1:") && !email.contains("ann"));

        BlindIndex ring = new BlindIndex(KeyRing.parse("i", List.of("i0:" + OLD, "i1:" + NEW), Optional.of("i1"), 32, 64));
        List<String> lookups = ring.lookups(BlindIndex.EMAIL, "ann@example.com");
        assertEquals(2, lookups.size());
        assertEquals(email, lookups.getFirst(), "the active key's digest first");
    }
}
