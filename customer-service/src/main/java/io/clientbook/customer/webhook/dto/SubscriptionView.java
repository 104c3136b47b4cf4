package io.clientbook.customer.webhook.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A webhook subscription; {@code secret} only in the answer that made it. */
@Schema(name = "WebhookSubscription")
public record SubscriptionView(UUID id, String url, List<String> eventTypes, List<String> changedFields, String description,
                               boolean allowPrivateNetwork, boolean active, List<SecretInfo> secrets,
                               @JsonInclude(JsonInclude.Include.NON_NULL)
                               @Schema(description = "The new signing secret, shown once") String secret,
                               Instant createdAt, String createdBy, long version) {

    /** A signing secret, never its value. */
    public record SecretInfo(UUID id, Instant createdAt, Instant expiresAt) {
    }
}
