package io.clientbook.devstack.auth;

import io.smallrye.jwt.build.Jwt;

import java.time.Duration;
import java.util.Set;

/**
 * Signs development JWTs the way an OIDC provider would for Clientbook: RS256, issuer
 * {@value #ISSUER}, audience {@value #AUDIENCE}, the user id in {@code sub} and the role in {@code groups}.
 */
public final class DevTokens {

    public static final String ISSUER = "clientbook-dev";
    public static final String AUDIENCE = "clientbook";
    public static final Set<String> ROLES = Set.of("admin", "manager", "sales", "support", "analyst", "integrator");
    public static final Duration DEFAULT_TTL = Duration.ofHours(12);

    private final DevKeys keys;
    private final String keyId;

    public DevTokens(DevKeys keys) {
        this(keys, "clientbook-dev");
    }

    /** Tokens whose header names {@code keyId} ({@code kid}), as an identity provider with several keys signs them. */
    public DevTokens(DevKeys keys, String keyId) {
        this.keys = keys;
        this.keyId = keyId;
    }

    /** A token for {@code role} whose subject is {@code dev-ROLE}, valid for 12 hours. */
    public String forRole(String role) {
        return sign(role, "dev-" + role, DEFAULT_TTL);
    }

    public String sign(String role, String subject, Duration ttl) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("unknown role '" + role + "'; roles are " + String.join(", ", ROLES.stream().sorted().toList()));
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the lifetime must be positive");
        }
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(role))
                .issuedAt(System.currentTimeMillis() / 1000)
                .expiresIn(ttl)
                .jws()
                .keyId(keyId)
                .sign(keys.privateKey());
    }

    /**
     * A token shaped like a client-credentials token from Keycloak: the subject is the client's service-account
     * user id, the client in {@code azp}, roles under {@code realm_access.roles} rather than {@code groups} (the
     * services read them there with {@code smallrye.jwt.path.groups=realm_access/roles}; docs/security.md).
     */
    public String clientCredentials(String clientId, String serviceAccountId, Set<String> roles, Duration ttl) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(serviceAccountId)
                .claim("azp", clientId)
                .claim("preferred_username", "service-account-" + clientId)
                .claim("typ", "Bearer")
                .claim("realm_access", java.util.Map.of("roles", java.util.List.copyOf(roles)))
                .issuedAt(System.currentTimeMillis() / 1000)
                .expiresIn(ttl)
                .jws()
                .keyId(keyId)
                .sign(keys.privateKey());
    }
}
