package io.clientbook.platform.web;

import io.clientbook.platform.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;

import java.util.List;
import java.util.Map;

/**
 * Strong ETags from a resource's version, and the {@code If-Match} check every {@code PATCH} and
 * {@code DELETE} needs: missing is {@code 428}, stale is {@code 412}.
 */
public final class Preconditions {

    private Preconditions() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version the caller last saw, from {@code If-Match}; throws 428 when absent, 412 when it is not {@code current}. */
    public static void requireMatch(String ifMatch, long current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "/problems/precondition-required", "Precondition required",
                    "Send If-Match with the ETag of the version you changed", List.of(), Map.of());
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals("\"" + current + "\"")) {
                return;
            }
        }
        throw new ProblemException(412, "/problems/precondition-failed", "Precondition failed",
                "The resource changed since you read it; read it again and reapply your change", List.of(),
                Map.of("currentEtag", "\"" + current + "\""));
    }
}
