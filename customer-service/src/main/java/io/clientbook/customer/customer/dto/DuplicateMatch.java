package io.clientbook.customer.customer.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** A customer that may be the same person or company as another one, and why. */
@Schema(name = "DuplicateMatch")
public record DuplicateMatch(
        UUID id,
        String displayName,
        @Schema(description = "The strongest rule that matched", enumeration = {"same-external-id", "same-email", "same-phone",
                "similar-name-in-company"})
        String rule,
        @Schema(description = "Every field that matched: externalId, email, phone, name") List<String> matchedFields,
        @Schema(description = "0 to 1; higher is more likely the same customer") double score) {
}
