package io.clientbook.interaction.ticket.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

public record CommentView(UUID id, UUID ticketId, String authorId, String body, @JsonProperty("public") boolean isPublic, Instant createdAt) {
}
