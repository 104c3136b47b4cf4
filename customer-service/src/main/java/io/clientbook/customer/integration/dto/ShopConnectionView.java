package io.clientbook.customer.integration.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A connected shop as the API shows it: never its secret. */
@Schema(name = "ShopConnection")
public record ShopConnectionView(
        UUID id,
        ShopPlatform platform,
        String domain,
        @Schema(description = "The source its customers and orders carry, e.g. shopify:store-a.myshopify.com") String source,
        String currency,
        @Schema(description = "The URL to configure in the shop's webhook settings") URI webhookUrl,
        @Schema(description = "The webhook topics Clientbook understands for this platform") List<String> topics,
        Instant createdAt,
        String createdBy,
        long version) {
}
