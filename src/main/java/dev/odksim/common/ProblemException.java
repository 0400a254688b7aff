package dev.odksim.common;

import java.util.List;

/** Thrown anywhere in the flow to end a request with a problem+json answer; mapped by {@link ProblemMapper}. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.InvalidParam> invalidParams;
    private final String reason;
    private String decisionId;
    private Long retryAfterSeconds;

    public ProblemException(int status, String title, String detail, List<Problem.InvalidParam> invalidParams, String reason) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.invalidParams = invalidParams;
        this.reason = reason;
    }

    public static ProblemException badRequest(String field, String reason) {
        return new ProblemException(400, "Invalid request", field + ": " + reason,
                List.of(new Problem.InvalidParam(field, reason)), null);
    }

    public static ProblemException invalid(List<Problem.InvalidParam> params) {
        return new ProblemException(400, "Invalid request",
                params.size() == 1 ? params.get(0).name() + ": " + params.get(0).reason() : params.size() + " invalid parameters",
                params, null);
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, what + " not found", "No " + what.toLowerCase() + " with id '" + id + "'", null, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, null, null);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail, null, null);
    }

    /** Names the recorded decision this problem comes from, so the app developer can find it in the log. */
    public ProblemException withDecision(String id) {
        this.decisionId = id;
        return this;
    }

    /** Sends {@code Retry-After} with the problem (e.g. while a project's circuit is open); null sends none. */
    public ProblemException withRetryAfter(Long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public Problem toProblem() {
        return new Problem("about:blank", title, status, getMessage(), invalidParams, reason, decisionId);
    }

    /** Seconds for a {@code Retry-After} header, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }
}
