package io.clientbook.platform.security;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Optional;
import java.util.Set;

/**
 * Which customers the current caller may see, in every service. A sales user (without a broader role) sees only the
 * customers it owns; everyone else who may read customers sees all. A customer one may not see answers
 * 404, exactly like one that does not exist, in reads, lists, searches and duplicate checks. Outside a
 * request (event consumers, jobs) nothing is restricted.
 */
@ApplicationScoped
public class OwnerVisibility {

    private static final Set<String> SEE_ALL = Set.of("admin", "manager", "support", "analyst", "integrator");

    private final Instance<SecurityIdentity> identity;

    OwnerVisibility(Instance<SecurityIdentity> identity) {
        this.identity = identity;
    }

    /** The owner every visible customer must have, or empty when the caller sees all customers. */
    public Optional<String> onlyOwnedBy() {
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        SecurityIdentity caller = identity.get();
        if (caller.isAnonymous() || !caller.getRoles().contains("sales") || caller.getRoles().stream().anyMatch(SEE_ALL::contains)) {
            return Optional.empty();
        }
        return Optional.of(caller.getPrincipal().getName());
    }

    /** Whether the caller analyses customers without serving them (analyst only): contact details are masked. */
    public boolean masksContacts() {
        if (!Arc.container().requestContext().isActive()) {
            return false;
        }
        SecurityIdentity caller = identity.get();
        return !caller.isAnonymous() && caller.getRoles().contains("analyst")
                && caller.getRoles().stream().noneMatch(role -> !role.equals("analyst") && (SEE_ALL.contains(role) || role.equals("sales")));
    }

    /** Whether the caller may see a customer with this owner. */
    public boolean maySee(String ownerId) {
        return onlyOwnedBy().map(owner -> owner.equals(ownerId)).orElse(true);
    }
}
