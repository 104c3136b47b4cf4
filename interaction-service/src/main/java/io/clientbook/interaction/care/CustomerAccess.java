package io.clientbook.interaction.care;

import io.clientbook.platform.problem.ProblemException;
import io.clientbook.platform.security.OwnerVisibility;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Whether the caller may see a customer here, from the owner on the care profile: a sales user sees only its
 * own customers (others answer 404, as if they did not exist); everyone else sees all, and the profile is not
 * even read for them.
 */
@ApplicationScoped
public class CustomerAccess {

    private final CustomerProfiles profiles;
    private final OwnerVisibility visibility;

    CustomerAccess(CustomerProfiles profiles, OwnerVisibility visibility) {
        this.profiles = profiles;
        this.visibility = visibility;
    }

    public boolean maySee(UUID customerId) {
        return visibility.onlyOwnedBy().isEmpty() || visibility.maySee(ownerOf(customerId));
    }

    /** A 404 naming the customer when the caller may not see it. */
    public void requireVisible(UUID customerId) {
        if (!maySee(customerId)) {
            throw new ProblemException.NotFound("Customer", customerId);
        }
    }

    /** The customer's owner (token {@code sub}), null when it has none or is unknown here. */
    public String ownerOf(UUID customerId) {
        return profiles.find(customerId).map(CustomerProfile::ownerId).orElse(null);
    }
}
