package io.clientbook.events.message;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A care message or reminder to send. Clientbook sends nothing itself: a delivery adapter (e-mail or SMS
 * provider, or the logging adapter by default) consumes these, resolves the customer's address through the
 * API, renders the template and reports the outcome to {@code POST /api/v1/messages/{id}/outcome}.
 * Key: the customer id. Carries no address and no name.
 *
 * @param channel     email, sms or phone
 * @param templateKey the template to render, e.g. {@code birthday-greeting}
 * @param purpose     marketing or service: the consent the message was checked against
 * @param variables   template variables (no contact details), e.g. {@code {"holiday": "New Year"}}
 * @param ruleId      the follow-up rule that produced it, null when sent by hand
 */
public record MessageRequested(UUID messageId, UUID customerId, String channel, String templateKey, String purpose,
                               Map<String, String> variables, UUID ruleId, Instant requestedAt) {

    public static final EventType<MessageRequested> TYPE =
            EventType.of("message", "message.requested", 1, MessageRequested.class);
}
