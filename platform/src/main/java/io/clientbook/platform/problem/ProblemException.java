package io.clientbook.platform.problem;

import java.util.List;
import java.util.Map;

/**
 * A domain failure that answers with a problem detail. Services throw the specific subclasses
 * ({@link NotFound}, {@link Conflict}, ...); {@link ProblemMappers} turns them into responses. Its message
 * is the {@code detail} shown to the caller, so it must never carry personal data or internals.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extras;

    public ProblemException(int status, String type, String title, String detail,
            List<Problem.FieldError> errors, Map<String, Object> extras) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extras = extras == null ? Map.of() : Map.copyOf(extras);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extras() {
        return extras;
    }

    /** 404: absent, or not visible to the caller (the two are not told apart). */
    public static class NotFound extends ProblemException {
        public NotFound(String what, Object id) {
            this(what + " " + id + " was not found", Map.of());
        }

        public NotFound(String detail, Map<String, Object> extras) {
            super(404, "/problems/not-found", "Not found", detail, List.of(), extras);
        }
    }

    /** 400: the request is not acceptable as sent; names each field at fault. */
    public static class Invalid extends ProblemException {
        public Invalid(String field, String message) {
            this(List.of(new Problem.FieldError(field, message)));
        }

        public Invalid(List<Problem.FieldError> errors) {
            super(400, "/problems/validation", "Invalid request", "The request has " + errors.size()
                    + (errors.size() == 1 ? " invalid field" : " invalid fields"), errors, Map.of());
        }
    }

    /** 409: the request conflicts with the current state. */
    public static class Conflict extends ProblemException {
        public Conflict(String detail) {
            super(409, "/problems/conflict", "Conflict", detail, List.of(), Map.of());
        }
    }
}
