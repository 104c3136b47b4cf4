package io.clientbook.platform.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type     a URI reference naming the kind of problem ({@code /problems/validation}); see docs/api-guide.md
 * @param errors   for validation problems: each field at fault and what is wrong with it
 * @param extras   further members for specific problems (for example {@code mergedInto})
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "requestId", "errors"})
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
                      List<FieldError> errors, @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extras) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field at fault: {@code emails[0].address}, and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extras == null ? Map.of() : extras;
    }
}
