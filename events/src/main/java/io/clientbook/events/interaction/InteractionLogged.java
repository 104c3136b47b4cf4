package io.clientbook.events.interaction;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A call, e-mail, SMS, visit, meeting or note was logged on a customer's timeline. Carries no content (subject,
 * summary, outcome stay in interaction-service): analytics counts contacts per channel. Key: customer id.
 *
 * @param channel   phone, email, sms, visit, meeting, note, ...
 * @param direction inbound or outbound
 */
public record InteractionLogged(UUID interactionId, UUID customerId, String channel, String direction, Instant occurredAt) {

    public static final EventType<InteractionLogged> TYPE =
            EventType.of("interaction", "interaction.logged", 1, InteractionLogged.class);
}
