package io.clientbook.customer.batch.dto;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Up to 1,000 items, each as the single-item endpoint takes it. */
public record BatchRequest(@Schema(description = "up to 1,000 items") List<JsonNode> items) {
}
