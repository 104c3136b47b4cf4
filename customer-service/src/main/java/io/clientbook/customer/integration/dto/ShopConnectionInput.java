package io.clientbook.customer.integration.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A shop to connect: its platform, its domain, the secret it signs webhooks with, its currency. */
@Schema(name = "ShopConnectionInput")
public record ShopConnectionInput(
        @NotNull ShopPlatform platform,
        @NotBlank @Size(max = 255) @Schema(description = "The shop's host: store-a.myshopify.com (Shopify), shop.example.com (WooCommerce)")
        String domain,
        @NotBlank @Size(min = 8, max = 500) @Schema(description = "The secret the shop signs webhooks with; stored encrypted, never returned",
                writeOnly = true)
        String webhookSecret,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD")
        @Schema(description = "The shop's currency, used for orders that name none")
        String currency) {

    @Override
    public String toString() {
        return "ShopConnectionInput[platform=" + platform + ", domain=" + domain + ", currency=" + currency + "]";
    }
}
