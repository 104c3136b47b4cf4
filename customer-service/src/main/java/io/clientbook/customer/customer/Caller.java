package io.clientbook.customer.customer;

import io.quarkus.security.identity.SecurityIdentity;

import java.util.Set;

/** Who is writing, and so which restricted fields they may set. */
public record Caller(String subject, Set<String> roles) {

    public static Caller of(SecurityIdentity identity) {
        return new Caller(identity.isAnonymous() ? null : identity.getPrincipal().getName(), identity.getRoles());
    }

    /** The system itself (analytics events): may set tier and stage without pinning. */
    public static Caller system() {
        return new Caller("system", Set.of("system"));
    }

    boolean mayAssignOwner() {
        return roles.contains("admin") || roles.contains("manager") || roles.contains("integrator");
    }

    boolean mayClassify() {
        return roles.contains("admin") || roles.contains("manager");
    }

    /** Sales users own what they create. */
    boolean ownsWhatItCreates() {
        return !mayAssignOwner() && roles.contains("sales");
    }
}
