package io.clientbook.customer.loyalty;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Loyalty rules: how points are earned, when they expire, what a referral is worth, and the levels. */
@ConfigMapping(prefix = "clientbook.loyalty")
public interface LoyaltyConfig {

    /** Off: orders earn nothing and the loyalty endpoints still answer (with no account activity). */
    @WithDefault("true")
    boolean enabled();

    Earn earn();

    Referral referral();

    /** Membership levels by lifetime points (never lowered by redemptions), lowest first. */
    List<Level> levels();

    interface Earn {
        /** Points per unit of the order's currency (1 = a point per dollar); fractions of a point are dropped. */
        @WithDefault("1")
        BigDecimal pointsPerUnit();

        /** Order statuses that earn points; an order leaving them (refunded, cancelled) gives them back. */
        @WithDefault("paid,fulfilled")
        Set<String> statuses();

        /** How long earned points last; none: they never expire. */
        Optional<Duration> expiresAfter();
    }

    interface Referral {
        /** Points the referrer earns when the referred customer's first order is paid. */
        @WithDefault("500")
        long points();
    }

    interface Level {
        String name();

        long minPoints();
    }
}
