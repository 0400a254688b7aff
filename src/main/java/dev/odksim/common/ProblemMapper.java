package dev.odksim.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

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
        String field = e instanceof MismatchedInputException m ? path(m) : "";
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
                .map(v -> new Problem.InvalidParam(lastNode(v.getPropertyPath().toString()), v.getMessage()))
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

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
