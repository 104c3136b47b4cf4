package io.clientbook.devstack.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevTokensTest {

    @TempDir
    Path dir;

    @Test
    void aTokenIsAnRs256JwtWithSubjectRoleIssuerAudienceAndExpiry() throws Exception {
        DevKeys keys = DevKeys.loadOrCreate(dir);
        String token = new DevTokens(keys).sign("sales", "user-7", Duration.ofMinutes(30));

        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        String header = decode(parts[0]);
        String claims = decode(parts[1]);
        assertTrue(header.contains("\"alg\":\"RS256\""), header);
        assertTrue(claims.contains("\"sub\":\"user-7\""), claims);
        assertTrue(claims.contains("\"groups\":[\"sales\"]"), claims);
        assertTrue(claims.contains("\"iss\":\"clientbook-dev\""), claims);
        assertTrue(claims.contains("\"aud\":\"clientbook\""), claims);
        long iat = Long.parseLong(claims.replaceAll(".*\"iat\":(\\d+).*", "$1"));
        long exp = Long.parseLong(claims.replaceAll(".*\"exp\":(\\d+).*", "$1"));
        assertEquals(1800, exp - iat);

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.publicKey());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(Base64.getUrlDecoder().decode(parts[2])), "signed by the dev key");
    }

    @Test
    void theKeyPairIsKeptBetweenRuns() {
        DevKeys first = DevKeys.loadOrCreate(dir);
        DevKeys second = DevKeys.loadOrCreate(dir);
        assertEquals(first.publicKeyPem(), second.publicKeyPem());
    }

    @Test
    void unknownRolesAndNonPositiveLifetimesAreRefused() {
        DevTokens tokens = new DevTokens(DevKeys.loadOrCreate(dir));
        assertThrows(IllegalArgumentException.class, () -> tokens.forRole("root"));
        assertThrows(IllegalArgumentException.class, () -> tokens.sign("admin", "a", Duration.ZERO));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
