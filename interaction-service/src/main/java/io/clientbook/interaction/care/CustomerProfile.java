package io.clientbook.interaction.care;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * What this service knows of a customer, from customer-service's and analytics' events: no contact details.
 *
 * @param birthday "MM-DD" or null
 * @param timeZone an IANA zone or null (the configured default zone applies)
 */
public record CustomerProfile(UUID customerId, String ownerId, String tier, String segment, String lifecycleStage, String churnLevel,
                              String birthday, String timeZone, List<ConsentState> consents, Instant firstPurchaseAt) {

    /** One consent as on the record; the last entry for a channel and purpose decides. */
    public record ConsentState(String channel, String purpose, boolean granted) {
    }

    /**
     * Whether the customer may be contacted on this channel for this purpose: only with a granted consent for
     * exactly that pair. No entry means no (opt-in); visits and meetings need none.
     */
    public boolean mayContact(String channel, String purpose) {
        if (!CONSENT_CHANNELS.contains(channel)) {
            return true;
        }
        return consents.stream().filter(c -> c.channel().equals(channel) && c.purpose().equals(purpose))
                .reduce((first, second) -> second).map(ConsentState::granted).orElse(false);
    }

    /** The channels a consent governs (customer-service's consent channels). */
    public static final List<String> CONSENT_CHANNELS = List.of("email", "sms", "phone", "mail");

    public ZoneId zone(ZoneId fallback) {
        try {
            return timeZone == null ? fallback : ZoneId.of(timeZone);
        } catch (RuntimeException notAZone) {
            return fallback;
        }
    }
}
