package io.clientbook.customer.batch.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clientbook.platform.problem.Problem;

import java.util.List;
import java.util.UUID;

/** The {@code 207} answer of a batch: one result per item, in item order. */
public record BatchResult(List<Row> results) {

    /**
     * @param status created, updated, unchanged or error
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Row(int index, String status, UUID id, List<Problem.FieldError> errors, List<String> warnings) {
    }
}
