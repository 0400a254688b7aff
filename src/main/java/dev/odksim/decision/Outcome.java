package dev.odksim.decision;

/** The outcome of one decision call (docs/design.md §6.4) and the HTTP status the app sees for it. */
public enum Outcome {
    GRANTED(201),
    DENIED(403),
    TIMEOUT(504),
    CONNECT_ERROR(502),
    HTTP_STATUS(502),
    REDIRECT(502),
    INVALID_RESPONSE(502),
    AUTH_ERROR(502),
    CIRCUIT_OPEN(503),
    /** The project's concurrency limit and its waiting queue are full (docs/design.md §6.5); the integrator was not called. */
    CONCURRENCY_LIMIT(503),
    BODY_TOO_LARGE(502);

    private final int appStatus;

    Outcome(int appStatus) {
        this.appStatus = appStatus;
    }

    /** What the app's access request answers with for this outcome. */
    public int appStatus() {
        return appStatus;
    }
}
