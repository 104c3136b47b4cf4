package io.clientbook.events.interaction;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer may no longer be contacted on a channel for a purpose: they unsubscribed from a message, or
 * its address bounced for good. customer-service writes it onto the record's consents. Key: the customer id.
 *
 * @param channel   email, sms, phone or mail
 * @param purpose   marketing or service
 * @param reason    unsubscribed or bounced
 * @param messageId the message whose outcome revoked it
 */
public record ConsentRevoked(UUID customerId, String channel, String purpose, String reason, UUID messageId, Instant revokedAt) {

    public static final EventType<ConsentRevoked> TYPE =
            EventType.of("interaction", "consent.revoked", 1, ConsentRevoked.class);
}
