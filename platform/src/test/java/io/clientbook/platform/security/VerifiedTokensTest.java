package io.clientbook.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What is remembered and for how long; the signature checks themselves are SmallRye's (see ForgedTokenTest). */
class VerifiedTokensTest {

    /** A verifier that accepts "ok-<exp seconds>" tokens and refuses anything else, and notes each call. */
    static final class CountingVerifier extends DefaultJWTParser {
        final List<String> verified = new ArrayList<>();

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            verified.add(token);
            if (!token.startsWith("ok-")) {
                throw new ParseException("refused");
            }
            long exp = Long.parseLong(token.substring(3).split("-")[0]);
            return new JsonWebToken() {
                @Override
                public String getName() {
                    return "u";
                }

                @Override
                public Set<String> getClaimNames() {
                    return Set.of("exp");
                }

                @Override
                @SuppressWarnings("unchecked")
                public <T> T getClaim(String claim) {
                    return (T) Map.of("exp", exp).get(claim);
                }
            };
        }
    }

    private static long inSeconds(long seconds) {
        return System.currentTimeMillis() / 1000 + seconds;
    }

    @Test
    void aValidTokenIsVerifiedOnceAndAnotherTokenOnItsOwn() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier);
        String token = "ok-" + inSeconds(600);
        JsonWebToken first = tokens.parse(token);
        assertSame(first, tokens.parse(token));
        tokens.parse(token + "-other");
        assertEquals(List.of(token, token + "-other"), verifier.verified);
    }

    @Test
    void refusedAndExpiredTokensAreNeverRemembered() {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier);
        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        // accepted by the verifier (within its clock skew) but already past its expiry: checked every time
        String lapsed = "ok-" + inSeconds(-5);
        try {
            tokens.parse(lapsed);
            tokens.parse(lapsed);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of("forged", "forged", lapsed, lapsed), verifier.verified);
    }

    @Test
    void theMemoryIsBounded() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier);
        String exp = String.valueOf(inSeconds(600));
        for (int i = 0; i <= VerifiedTokens.MAX_TOKENS; i++) {
            tokens.parse("ok-" + exp + "-" + i);
        }
        verifier.verified.clear();
        tokens.parse("ok-" + exp + "-0"); // dropped when the memory filled up
        tokens.parse("ok-" + exp + "-" + VerifiedTokens.MAX_TOKENS); // remembered after that
        assertEquals(List.of("ok-" + exp + "-0"), verifier.verified);
    }
}
