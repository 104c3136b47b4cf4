package io.clientbook.interaction.survey.dto;

import io.clientbook.interaction.interaction.Channel;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/**
 * An answer. {@code channel} (how the customer was served) defaults to the ticket's; {@code respondedAt}
 * to now.
 */
public record ResponseInput(@NotNull UUID surveyId, @NotNull UUID customerId, @NotNull Integer score, @Size(max = 4000) String comment,
                            UUID ticketId, UUID orderId, Channel channel, Instant respondedAt) {
}
