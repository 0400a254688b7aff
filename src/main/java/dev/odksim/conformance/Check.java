package dev.odksim.conformance;

/**
 * The catalogue of conformance checks (docs/design.md §10): stable ids that CI jobs and docs/validator.md refer to, a
 * one-line title and the severity a finding has. The order is the order of every report.
 */
public enum Check {
    REACH("reach.ok", "The endpoint answers HTTP", Severity.FAIL),
    TLS("tls.valid", "The TLS certificate is trusted and valid for the host (https only)", Severity.FAIL),
    AUTH_MISSING("auth.missing-header", "Without the auth header: 401/403, never a grant", Severity.FAIL),
    AUTH_WRONG("auth.wrong-header", "With a wrong auth header value: 401/403, never a grant", Severity.FAIL),
    GRANT("grant.pair", "The grant pair is granted with a well-formed answer", Severity.FAIL),
    DENY("deny.pair", "The deny pair is denied: 200 with hasAccess false", Severity.FAIL),
    LOCK_UNKNOWN("lock.unknown", "An unknown lock is denied, without a 5xx", Severity.FAIL),
    USER_MALFORMED("user.malformed", "A malformed appUserId never grants and never causes a 5xx", Severity.FAIL),
    USER_UNKNOWN("user.unknown", "An unknown phone number is denied, without a 5xx", Severity.FAIL),
    PLUS_ENCODED("encoding.plus-encoded", "appUserId sent with %2B for '+' is understood and echoed exactly", Severity.FAIL),
    RAW_PLUS("encoding.raw-plus", "A raw '+' in appUserId is not silently mistaken for another user", Severity.WARN),
    CONTENT_TYPE("content-type", "Decisions are served as application/json", Severity.FAIL),
    TYPES("types.strict-echo", "Strict JSON types and an exact echo of lockId and appUserId", Severity.FAIL),
    KEYDATA("keydata.valid", "keyData is valid: positive duration or RFC 3339 start/end, ordered, end in the future",
            Severity.FAIL),
    KEYDATA_MAX("keydata.within-max", "The key window is within the maximum key duration", Severity.WARN),
    LATENCY("latency.p50-p99", "Latency percentiles over repeated calls are within the budget", Severity.FAIL),
    CONSISTENCY("consistency.repeat", "Repeated calls give the same decision", Severity.FAIL),
    REDIRECT("redirect.none", "No answer is a redirect (the caller does not follow them)", Severity.FAIL),
    BODY_SIZE("body.size", "Response bodies fit the caller's body cap", Severity.FAIL),
    HOSTILE("hostile.inputs", "Hostile inputs (long ids, quotes, path and SQL metacharacters) never 5xx, never grant",
            Severity.FAIL);

    /** What a finding of a check means for the verdict: FAIL makes the endpoint non-conformant, WARN does not. */
    public enum Severity {
        FAIL, WARN
    }

    private final String id;
    private final String title;
    private final Severity severity;

    Check(String id, String title, Severity severity) {
        this.id = id;
        this.title = title;
        this.severity = severity;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Severity severity() {
        return severity;
    }
}
