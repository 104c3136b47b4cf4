package io.clientbook.customer.webhook.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A webhook subscription as written. */
@Schema(name = "WebhookSubscriptionInput")
public record SubscriptionInput(
        @NotBlank @Size(max = 2000) @Schema(description = "Where deliveries are POSTed") String url,
        @NotEmpty @Size(max = 50) @Schema(description = "Event types, e.g. customer.created, order.recorded; customer.* for a family; * for all")
        List<@NotNull @Pattern(regexp = "\\*|[a-z-]+(\\.[a-z-]+)*(\\.\\*)?", message = "must be an event type such as customer.updated, customer.* or *") String> eventTypes,
        @Size(max = 50) @Schema(description = "customer.updated only when one of these fields changed (e.g. tier, emails); all changes when absent")
        List<@NotNull @Pattern(regexp = "[a-zA-Z]{1,64}", message = "must be a customer field name such as tier") String> changedFields,
        @Size(max = 500) String description,
        @Schema(description = "Allow a URL on a private, loopback or link-local network (admins only)") Boolean allowPrivateNetwork,
        Boolean active) {
}
