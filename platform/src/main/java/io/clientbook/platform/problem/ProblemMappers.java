package io.clientbook.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.clientbook.platform.web.RequestIds;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The one place where failures become responses: every error a service returns is an RFC 9457 problem
 * detail. Never a stack trace, an exception class name or a message from a library.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final io.clientbook.platform.audit.AuditLog audit;

    ProblemMappers(io.clientbook.platform.audit.AuditLog audit) {
        this.audit = audit;
    }
    /** Fields every resource shows but no write may set. */
    private static final java.util.Set<String> READ_ONLY = java.util.Set.of("id", "version", "createdAt", "updatedAt");

    @ServerExceptionMapper
    public Response problem(ProblemException e, ContainerRequestContext request) {
        Response response = respond(new Problem(e.type(), e.title(), e.status(), e.getMessage(), path(request), RequestIds.current(request),
                e.errors(), e.extras()));
        // a problem that says when to come back says it in the header clients and shops act on, too
        return e.extras().get("retryAfterSeconds") instanceof Number seconds
                ? Response.fromResponse(response).header("Retry-After", seconds.longValue()).build() : response;
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, ContainerRequestContext request) {
        return problem(new ProblemException.Invalid(fieldErrors(e)), request);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, ContainerRequestContext request) {
        return problem(new ProblemException.Invalid(List.of(fieldError(e))), request);
    }

    /** Each violated constraint as the field at fault (its JSON path) and the message, sorted by field. */
    public static List<Problem.FieldError> fieldErrors(ConstraintViolationException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldName(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return errors;
    }

    /** The field a JSON reading failure is about, and what is wrong with it. */
    public static Problem.FieldError fieldError(JsonProcessingException e) {
        String field = "body";
        String message = "is not well-formed JSON";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = jsonPath(mapping.getPath());
            message = "has the wrong type or format";
            if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
                message = READ_ONLY.contains(field.replaceAll(".*\\.", "")) ? "is read-only" : "is not a known field";
            } else if (hasCause(e, com.fasterxml.jackson.core.exc.StreamConstraintsException.class)) {
                message = "exceeds the limits of a request body (nesting depth " + io.clientbook.platform.web.JsonLimits.MAX_NESTING_DEPTH
                        + ", strings of 1,000,000 characters, numbers of 100 digits)";
            } else if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException
                    && e.getCause() instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
                message = invalid.getMessage();
            }
        }
        if (field.equals("body") && hasCause(e, com.fasterxml.jackson.core.exc.StreamConstraintsException.class)) {
            message = "exceeds the limits of a request body (nesting depth " + io.clientbook.platform.web.JsonLimits.MAX_NESTING_DEPTH
                    + ", strings of 1,000,000 characters, numbers of 100 digits)";
        }
        return new Problem.FieldError(field, message);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** More specific than the JSON mapper Quarkus brings for mismatched input, so ours answers. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, ContainerRequestContext request) {
        return unreadable(e, request);
    }

    /** Two writers raced on the same version: the loser is told to read again (the same as a stale If-Match). */
    @ServerExceptionMapper
    public Response lostUpdate(jakarta.persistence.OptimisticLockException e, ContainerRequestContext request) {
        return problem(new ProblemException(412, "/problems/precondition-failed", "Precondition failed",
                "The resource changed while you were changing it; read it again and reapply your change", List.of(),
                Map.of()), request);
    }

    /** A unique key was taken by a concurrent request. */
    @ServerExceptionMapper
    public Response uniqueKeyTaken(org.hibernate.exception.ConstraintViolationException e, ContainerRequestContext request) {
        return problem(new ProblemException.Conflict("The request conflicts with a record written at the same time; retry it"),
                request);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, ContainerRequestContext request) {
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Response badToken(AuthenticationFailedException e, ContainerRequestContext request) {
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ContainerRequestContext request) {
        audit.denied(403);
        return respond(new Problem("/problems/forbidden", "Forbidden", 403, "Your role does not allow this operation",
                path(request), RequestIds.current(request), List.of(), Map.of()));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, ContainerRequestContext request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        String title = statusType == null ? "Error" : statusType.getReasonPhrase();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, request);
        }
        return respond(new Problem("about:blank", title, status, detailFor(status), path(request),
                RequestIds.current(request), List.of(), Map.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, ContainerRequestContext request) {
        String requestId = RequestIds.current(request);
        LOG.errorf("Unexpected failure handling request %s: %s", requestId, withoutMessages(e));
        return respond(new Problem("/problems/internal", "Internal error", 500,
                "Something went wrong on our side; quote the request id when reporting it", path(request), requestId,
                List.of(), Map.of()));
    }

    /**
     * The failure's cause chain and where each was thrown, without their messages: database and library
     * messages quote the values they choked on, and those are customers' personal data.
     */
    static String withoutMessages(Throwable e) {
        StringBuilder trace = new StringBuilder();
        for (Throwable t = e; t != null && trace.length() < 4000; t = t.getCause() == t ? null : t.getCause()) {
            trace.append(trace.isEmpty() ? "" : " <- caused by ").append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 8); i++) {
                trace.append("\n\tat ").append(frames[i]);
            }
        }
        return trace.toString();
    }

    private Response unauthorized(ContainerRequestContext request) {
        audit.denied(401);
        return Response.fromResponse(respond(new Problem("/problems/unauthenticated", "Unauthenticated", 401,
                        "A valid bearer token is required", path(request), RequestIds.current(request), List.of(), Map.of())))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "No resource at this path";
            case 405 -> "This method is not allowed on this resource";
            case 406 -> "No acceptable representation; this API produces application/json";
            case 415 -> "Unsupported media type; send application/json";
            default -> "The request could not be processed";
        };
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(ContainerRequestContext request) {
        return request == null ? null : "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
    }

    /** {@code create.request.emails[0].address} becomes {@code emails[0].address}. */
    static String fieldName(Path propertyPath) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : propertyPath) {
            switch (node.getKind()) {
                case METHOD, PARAMETER, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> {
                    continue;
                }
                default -> {
                }
            }
            // Bean Validation puts a list index or map key on the node that follows the container
            if (node.isInIterable() && (node.getIndex() != null || node.getKey() != null)) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getName() == null || node.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }
}
