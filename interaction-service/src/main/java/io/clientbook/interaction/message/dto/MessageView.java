package io.clientbook.interaction.message.dto;

import io.clientbook.interaction.interaction.Channel;
import io.clientbook.interaction.message.MessageStatus;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

public record MessageView(UUID id, UUID customerId, Channel channel, String templateKey, String purpose, Map<String, String> variables,
                          UUID ruleId, MessageStatus status, Instant sendAt, Instant requestedAt, Instant outcomeAt) {
}
