package io.clientbook.customer.webhook.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** One event's delivery to a subscription. */
@Schema(name = "WebhookSend")
public record SendView(UUID id, UUID eventId, String eventType, String orderingKey,
                       @Schema(description = "pending, sending, delivered or dead") String status, int attempts,
                       Instant createdAt, Instant nextAttemptAt, Instant deliveredAt,
                       @Schema(description = "The receiver's last HTTP status") Integer lastStatus, String lastError) {
}
