package io.clientbook.interaction.survey.dto;

import java.time.Instant;
import java.util.UUID;

/** A stored answer; a detractor's answer names the follow-up or ticket it opened. */
public record ResponseView(UUID id, UUID surveyId, UUID customerId, int score, String comment, UUID ticketId, UUID orderId, String channel,
                           boolean detractor, UUID followUpId, UUID openedTicketId, Instant respondedAt) {
}
