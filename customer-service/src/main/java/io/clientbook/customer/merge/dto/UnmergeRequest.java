package io.clientbook.customer.merge.dto;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** {@code POST /customers/{id}/unmerge}: the merged customer to restore. */
@Schema(name = "UnmergeRequest")
public record UnmergeRequest(@NotNull UUID customerId) {
}
