package io.clientbook.customer.privacy.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An erasure request and each service's state. */
@Schema(name = "ErasureRequest")
public record ErasureRequestView(
        UUID id,
        UUID customerId,
        @Schema(enumeration = {"pending", "completed"}) String status,
        @Schema(description = "Each service that holds customer data: pending or completed") Map<String, String> services,
        Instant requestedAt,
        Instant completedAt) {
}
