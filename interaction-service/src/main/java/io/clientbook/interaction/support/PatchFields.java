package io.clientbook.interaction.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientbook.platform.problem.Problem;
import io.clientbook.platform.problem.ProblemException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Reading a JSON merge patch field by field, each bad field a 400 that names it. */
public final class PatchFields {

    private PatchFields() {
    }

    /** The patch must be an object naming only fields from {@code patchable}; every other one is listed. */
    public static void requireOnly(JsonNode patch, Set<String> patchable) {
        if (patch == null || !patch.isObject()) {
            throw new ProblemException.Invalid("body", "must be a JSON object (merge patch)");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = patch.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!patchable.contains(name)) {
                errors.add(new Problem.FieldError(name, "cannot be changed; patchable: " + String.join(", ", patchable.stream().sorted().toList())));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.Invalid(errors);
        }
    }

    /** An enum (or other parsed) value given as a string. */
    public static <T> T parsed(JsonNode node, String field, Function<String, T> parser) {
        if (node == null || !node.isTextual()) {
            throw new ProblemException.Invalid(field, "must be a string");
        }
        return parsed(node.asText(), field, parser);
    }

    public static <T> T parsed(String text, String field, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ProblemException.Invalid(field, e.getMessage());
        }
    }

    /** A string of at most {@code max} characters, or null. */
    public static String text(JsonNode node, String field, int max) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new ProblemException.Invalid(field, "must be a string");
        }
        if (node.asText().length() > max) {
            throw new ProblemException.Invalid(field, "must be at most " + max + " characters");
        }
        return node.asText();
    }

    /** A UUID, or null. */
    public static UUID uuid(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return UUID.fromString(node.asText());
        } catch (IllegalArgumentException e) {
            throw new ProblemException.Invalid(field, "must be a UUID");
        }
    }

    /** An ISO-8601 instant, or null. */
    public static Instant instant(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new ProblemException.Invalid(field, "must be an ISO-8601 instant such as 2026-12-01T09:00:00Z");
        }
    }
}
