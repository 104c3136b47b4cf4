package io.clientbook.interaction.ticket.dto;

import io.clientbook.interaction.interaction.Channel;
import io.clientbook.interaction.ticket.TicketPriority;
import io.clientbook.interaction.ticket.TicketType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** A ticket to open. {@code priority} defaults to normal; {@code assigneeId} and {@code teamId} are optional. */
public record TicketInput(@NotNull UUID customerId, @NotNull TicketType type, TicketPriority priority, Channel channel,
                          @NotBlank @Size(max = 200) String subject, @Size(max = 10000) String description,
                          @Size(max = 100) String assigneeId, UUID teamId) {
}
