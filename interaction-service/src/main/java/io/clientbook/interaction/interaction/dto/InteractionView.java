package io.clientbook.interaction.interaction.dto;

import io.clientbook.interaction.interaction.Channel;
import io.clientbook.interaction.interaction.Direction;

import java.time.Instant;
import java.util.UUID;

/** An interaction as the API shows it: the input's fields plus id, who recorded it and when. */
public record InteractionView(UUID id, UUID customerId, Channel channel, Direction direction, Instant occurredAt,
                              Integer durationSeconds, String subject, String summary, String outcome, String agentId,
                              UUID orderId, UUID ticketId, String createdBy, Instant createdAt) {
}
