package dev.odksim.conformance;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.odksim.decision.DecisionResult;
import dev.odksim.decision.Outcome;

import java.util.Map;

/**
 * The evidence of one call: the request as sent (secret header values masked), the response as received (or the
 * transport failure), the timing, how the platform's rules judged it, and a curl line that repeats it.
 *
 * @param body     the response body as text, cut at {@link #BODY_CHARS} characters
 * @param outcome  the §6.4 outcome the platform would record for this answer
 * @param reason   the platform's account of that outcome (the rule broken, the window granted)
 * @param askedLockId    the lock id the request asked about (what the answer must echo)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String label, String method, String url, Map<String, String> requestHeaders, Integer status,
                       String contentType, String location, String body, Integer bodyBytes, long latencyMs,
                       String outcome, String reason, String curl,
                       @JsonIgnore DecisionResult result, @JsonIgnore JsonNode json,
                       @JsonIgnore String askedLockId, @JsonIgnore String askedAppUserId) {

    public static final int BODY_CHARS = 4000;

    /** Whether an HTTP response came back at all (a body over the cap is cut off, but it is an answer). */
    @JsonIgnore
    public boolean answered() {
        return status != null || Outcome.BODY_TOO_LARGE.name().equals(outcome);
    }

    @JsonIgnore
    public boolean serverError() {
        return statusIn(500, 599);
    }

    /** Whether an HTTP status came back and lies in [from, to]. */
    public boolean statusIn(int from, int to) {
        return status != null && status >= from && status <= to;
    }

    /** Any answer that reads as a grant, however malformed: a JSON object whose hasAccess is true or "true". */
    @JsonIgnore
    public boolean grantsAccess() {
        if (json == null || !json.isObject() || !json.has("hasAccess")) {
            return false;
        }
        JsonNode hasAccess = json.get("hasAccess");
        return hasAccess.isBoolean() ? hasAccess.booleanValue() : "true".equalsIgnoreCase(hasAccess.asText());
    }

    /** One line for messages: what came back. */
    public String summary() {
        if (status == null) {
            return (answered() ? "" : "no answer: ") + outcome + " (" + reason + ") after " + latencyMs + " ms";
        }
        return "HTTP " + status + (contentType != null ? " " + contentType : "") + " → " + outcome
                + (reason != null ? " (" + reason + ")" : "") + ", " + latencyMs + " ms";
    }
}
