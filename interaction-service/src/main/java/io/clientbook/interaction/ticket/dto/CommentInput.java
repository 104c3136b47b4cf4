package io.clientbook.interaction.ticket.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A comment: public ones are seen by the customer (the first is the first response), internal ones are not. */
public record CommentInput(@NotBlank @Size(max = 10000) String body, @JsonProperty("public") @NotNull Boolean isPublic) {
}
