package io.clientbook.interaction.message.dto;

import io.clientbook.interaction.message.MessageOutcome;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/**
 * @param outcome   delivered, opened, bounced or unsubscribed
 * @param permanent for bounced: a hard bounce (the address does not exist); revokes the channel's consents
 * @param at        when it happened (defaults to now)
 */
public record OutcomeInput(@NotNull MessageOutcome outcome, Boolean permanent, Instant at) {
}
