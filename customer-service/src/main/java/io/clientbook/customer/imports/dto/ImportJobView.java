package io.clientbook.customer.imports.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** An import job and its progress. */
@Schema(name = "ImportJob")
public record ImportJobView(
        UUID id,
        @Schema(description = "queued, running, completed, failed or cancelled") String state,
        @Schema(description = "Rows worked through so far") long processed,
        @Schema(description = "Rows in the file") Long total,
        long succeeded,
        @Schema(description = "Rows refused; GET …/errors lists them with the fields at fault") long failed,
        @Schema(description = "Seconds to completion at the pace so far; null until there is a pace") Long etaSeconds,
        ImportKind kind,
        @Schema(description = "ndjson or csv") String format,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        @Schema(description = "Why a failed job stopped") String failure) {
}
