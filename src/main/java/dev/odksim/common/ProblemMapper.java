package dev.odksim.common;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import jakarta.validation.ElementKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
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

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        String field = e instanceof MismatchedInputException m ? m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")) : "";
        if (!field.isEmpty()) {
            String reason = e instanceof InvalidFormatException f
                    ? "has the wrong type (" + f.getTargetType().getSimpleName() + " expected)" : "is not of the expected type";
            return respond(new Problem("about:blank", "Invalid request", 400, field + " " + reason,
                    List.of(new Problem.InvalidParam(field, reason)), null));
        }
        return respond(new Problem("about:blank", "Malformed JSON", 400,
                "The request body is not valid JSON: " + e.getOriginalMessage(), null, null));
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
        return respond(new Problem("about:blank", title, status, e.getMessage(), null, null));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
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

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
