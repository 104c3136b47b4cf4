package io.clientbook.platform.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * The user id everywhere (owner of a customer, author of a change, actor in the audit trail, idempotency scope)
 * is the token's {@code sub}. SmallRye JWT names the principal after {@code upn}, then {@code preferred_username},
 * then {@code sub}; identity providers such as Keycloak set {@code preferred_username} to a name the user may
 * change, so this names the principal after {@code sub} and leaves every claim as it was.
 */
@ApplicationScoped
public class SubjectIsTheUserId implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token) || token.getSubject() == null
                || token.getSubject().equals(token.getName())) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).setPrincipal(new NamedBySubject(token)).build());
    }

    /** The same token, named after its subject. */
    private record NamedBySubject(JsonWebToken token) implements JsonWebToken {

        @Override
        public String getName() {
            return token.getSubject();
        }

        @Override
        public Set<String> getClaimNames() {
            return token.getClaimNames();
        }

        @Override
        public <T> T getClaim(String claimName) {
            return token.getClaim(claimName);
        }
    }
}
