package dev.odksim.common;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import jakarta.validation.ElementKind;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/** The one place where exceptions become problem+json answers; nothing reaches the client as a bare 500. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        if (e.retryAfterSeconds() != null) {
            return Response.fromResponse(respond(e.toProblem())).header("Retry-After", e.retryAfterSeconds()).build();
        }
        return respond(e.toProblem());
    }

    /** Jackson's own messages name Java types and classes: the answer names JSON types and the field instead. */
    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        String field = e instanceof MismatchedInputException m ? path(m) : "";
        if (e instanceof NulFreeStrings.NulInString) {
            String name = field.isEmpty() ? "(body)" : field;
            return respond(new Problem("about:blank", "Invalid request", 400, name + " " + NulFreeStrings.REASON,
                    List.of(new Problem.InvalidParam(name, NulFreeStrings.REASON)), null));
        }
        if (!field.isEmpty()) {
            String reason = "has the wrong type (" + jsonType(((MismatchedInputException) e).getTargetType()) + " expected)";
            return respond(new Problem("about:blank", "Invalid request", 400, field + " " + reason,
                    List.of(new Problem.InvalidParam(field, reason)), null));
        }
        if (e instanceof MismatchedInputException m) {
            return respond(new Problem("about:blank", "Invalid request", 400,
                    "The request body does not have the expected shape (" + jsonType(m.getTargetType()) + " expected)", null, null));
        }
        JsonLocation at = e.getLocation();
        return respond(new Problem("about:blank", "Malformed JSON", 400, "The request body is not valid JSON"
                + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), null, null));
    }

    /** The JSON name of what a Java target type reads. */
    static String jsonType(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class
                || type == short.class || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type) || type == java.time.Duration.class) {
            return "a date-time or duration string";
        }
        if (type.isEnum()) {
            return "one of: " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /** More specific than Quarkus' own mapper for this type (a wrong JSON type, e.g. "yes" for a boolean), so it wins. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.InvalidParam> params = e.getConstraintViolations().stream()
                .map(v -> new Problem.InvalidParam(fieldName(v.getPropertyPath()), v.getMessage()))
                .toList();
        return respond(ProblemException.invalid(params).toProblem());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        // The framework's messages may name Java types (a query parameter that does not convert): say it in HTTP terms.
        String detail = status == 400 ? "A parameter of the request does not have the expected form"
                : known != null ? known.getReasonPhrase() : title;
        return respond(new Problem("about:blank", title, status, detail, null, null));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        // A transactional bean wraps what happened at commit (Arc's undeclared-throwable wrapper, JTA rollback,
        // Hibernate's persistence exceptions): what matters is the cause, e.g. a lost race on a unique constraint.
        ProblemException known = StorageConflicts.asProblem(e);
        if (known != null) {
            LOG.debugf("Mapped %s to %d: %s", e.getClass().getSimpleName(), known.status(), known.getMessage());
            return problem(known);
        }
        LOG.error("Unexpected error", e);
        return respond(new Problem("about:blank", "Internal error", 500,
                "An unexpected error occurred; see the server log", null, null));
    }

    /** Quarkus' own subtype (a resource method's {@code @Valid} parameters): the same problem, not its violation report. */
    @ServerExceptionMapper
    public Response resourceValidation(ResteasyReactiveViolationException e) {
        return validation(e);
    }

    /**
     * The field as the request names it, e.g. {@code keys[0].lockId}: the method and parameter nodes of a resource
     * method's path are dropped unless the parameter itself (a query parameter) is what broke the rule.
     */
    static String fieldName(jakarta.validation.Path path) {
        List<jakarta.validation.Path.Node> nodes = new java.util.ArrayList<>();
        path.forEach(nodes::add);
        int start = 0;
        if (start < nodes.size() && nodes.get(start).getKind() == ElementKind.METHOD) {
            start++;
        }
        if (start < nodes.size() - 1 && nodes.get(start).getKind() == ElementKind.PARAMETER) {
            start++;
        }
        StringBuilder name = new StringBuilder();
        for (int i = start; i < nodes.size(); i++) {
            jakarta.validation.Path.Node node = nodes.get(i);
            if (node.isInIterable() && !name.isEmpty()) {
                name.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getName() != null) {
                name.append(name.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return name.toString();
    }

    /** The JSON path of the bad value as the API names fields elsewhere: {@code keys[2].durationMinutes}. */
    private static String path(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }


    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
