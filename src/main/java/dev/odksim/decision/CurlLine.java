package dev.odksim.decision;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * A curl command that repeats a recorded decision call: same URL (already RFC 3986 encoded), headers and timeouts.
 * Secrets stay masked as recorded (put the real value in by hand); curl, like the caller, does not follow redirects.
 */
public final class CurlLine {

    private CurlLine() {
    }

    /** From a recorded request: {@code {method, url, headers, connectTimeoutMs?, timeoutMs?}}. */
    public static String of(JsonNode request) {
        StringBuilder line = new StringBuilder("curl -sS -i");
        if (request.hasNonNull("connectTimeoutMs")) {
            line.append(" --connect-timeout ").append(seconds(request.get("connectTimeoutMs").asLong()));
        }
        if (request.hasNonNull("timeoutMs")) {
            line.append(" --max-time ").append(seconds(request.get("timeoutMs").asLong()));
        }
        String method = request.path("method").asText("GET");
        if (!"GET".equals(method)) {
            line.append(" -X ").append(method);
        }
        request.path("headers").fields().forEachRemaining(h ->
                line.append(" -H ").append(quote(h.getKey() + ": " + h.getValue().asText())));
        return line.append(' ').append(quote(request.path("url").asText())).toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** POSIX shell single quoting. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
