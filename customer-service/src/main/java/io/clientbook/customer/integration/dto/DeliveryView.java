package io.clientbook.customer.integration.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A webhook delivery as received from a shop, and what became of it. Never its body. */
@Schema(name = "WebhookDelivery")
public record DeliveryView(
        UUID id,
        UUID shopId,
        ShopPlatform platform,
        String topic,
        @Schema(description = "The shop's id of the delivery (X-Shopify-Event-Id, X-WC-Webhook-Delivery-ID)") String deliveryKey,
        @Schema(description = "pending (waiting or being retried), processed, skipped (nothing to do, or older than "
                + "what is stored), failed (parked: see lastError; POST …/retry sends it through again)") String status,
        int attempts,
        Instant receivedAt,
        Instant nextAttemptAt,
        Instant processedAt,
        @Schema(description = "Why the last attempt failed; names fields, never their values") String lastError,
        @Schema(description = "customer or order") String objectKind,
        @Schema(description = "The shop's id of the customer or order") String objectId,
        @Schema(description = "What processing did, e.g. `created customer …`") String outcome) {
}
