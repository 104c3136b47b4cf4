package io.clientbook.interaction.interaction.dto;

import io.clientbook.interaction.interaction.Channel;
import io.clientbook.interaction.interaction.Direction;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/**
 * A contact to record. {@code occurredAt} defaults to now; {@code agentId} to the caller.
 *
 * @param durationSeconds how long a call, visit or meeting took
 * @param outcome         a short result such as "reached, will order next week"
 */
public record InteractionInput(@NotNull UUID customerId, @NotNull Channel channel, @NotNull Direction direction, Instant occurredAt,
                               @PositiveOrZero Integer durationSeconds, @Size(max = 200) String subject,
                               @Size(max = 4000) String summary, @Size(max = 200) String outcome, @Size(max = 100) String agentId,
                               UUID orderId, UUID ticketId) {
}
