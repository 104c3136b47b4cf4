package io.clientbook.customer.merge.dto;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** {@code POST /customers/{id}/merge}: the customers to merge into this one. */
@Schema(name = "MergeRequest")
public record MergeRequest(
        @NotEmpty @Size(max = 20) List<@NotNull UUID> duplicateIds,
        @Schema(description = "true: answer with the would-be result and change nothing") boolean dryRun) {
}
