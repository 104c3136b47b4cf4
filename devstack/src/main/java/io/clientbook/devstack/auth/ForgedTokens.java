package io.clientbook.devstack.auth;

import io.smallrye.jwt.build.Jwt;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tokens an attacker would try, for the attack tests of the gateway and every service: each must be
 * refused with 401. Named by what is wrong with them.
 */
public final class ForgedTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private ForgedTokens() {
    }

    public static Map<String, String> all(DevKeys keys) {
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"iss\":\"" + DevTokens.ISSUER + "\",\"aud\":\"" + DevTokens.AUDIENCE + "\",\"sub\":\"mallory\","
                + "\"groups\":[\"admin\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}";
        String payload = B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Map<String, String> tokens = new LinkedHashMap<>();
        // no signature at all
        tokens.put("alg none", B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + payload + ".");
        // the RS256 public key used as an HMAC secret (algorithm confusion), as PEM text and as DER bytes
        String hsHeader = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"clientbook-dev\"}".getBytes(StandardCharsets.UTF_8));
        tokens.put("HS256 with the public key (PEM)", hmac(hsHeader + "." + payload, keys.publicKeyPem().getBytes(StandardCharsets.UTF_8)));
        tokens.put("HS256 with the public key (DER)", hmac(hsHeader + "." + payload, Base64.getMimeDecoder().decode(
                keys.publicKeyPem().replaceAll("-----[A-Z ]+-----", ""))));
        // a genuine token whose claims were changed after signing
        String genuine = new DevTokens(keys).sign("analyst", "mallory", java.time.Duration.ofMinutes(10));
        String[] parts = genuine.split("\\.");
        tokens.put("tampered payload", parts[0] + "." + payload + "." + parts[2]);
        // well-formed, signed by a key that is not ours
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            tokens.put("signed by another key", Jwt.issuer(DevTokens.ISSUER).audience(DevTokens.AUDIENCE).subject("mallory")
                    .groups(Set.of("admin")).expiresIn(600).sign(generator.generateKeyPair().getPrivate()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        // ours, but not valid yet, expired, or for someone else
        tokens.put("not before in the future", Jwt.issuer(DevTokens.ISSUER).audience(DevTokens.AUDIENCE).subject("mallory")
                .groups(Set.of("admin")).claim("nbf", now + 3600).expiresAt(now + 7200).sign(keys.privateKey()));
        tokens.put("expired", Jwt.issuer(DevTokens.ISSUER).audience(DevTokens.AUDIENCE).subject("mallory").groups(Set.of("admin"))
                .issuedAt(now - 7200).expiresAt(now - 3600).sign(keys.privateKey()));
        tokens.put("another issuer", Jwt.issuer("someone-else").audience(DevTokens.AUDIENCE).subject("mallory")
                .groups(Set.of("admin")).expiresIn(600).sign(keys.privateKey()));
        tokens.put("another audience", Jwt.issuer(DevTokens.ISSUER).audience("another-app").subject("mallory")
                .groups(Set.of("admin")).expiresIn(600).sign(keys.privateKey()));
        tokens.put("garbage", "not.a.jwt");
        return tokens;
    }

    private static String hmac(String signingInput, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
