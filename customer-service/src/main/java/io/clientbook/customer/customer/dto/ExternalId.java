package io.clientbook.customer.customer.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The customer's id in another system: {@code source} names the system ({@code shopify:store-a.myshopify.com},
 * {@code woocommerce:shop.example.com}, {@code erp}), {@code externalId} the record there.
 */
public record ExternalId(
        @NotBlank @Size(max = 200) @Pattern(regexp = "[a-z0-9:._-]+", message = "may contain only a-z, 0-9 and : . _ -") String source,
        @NotBlank @Size(max = 200) String externalId) {
}
