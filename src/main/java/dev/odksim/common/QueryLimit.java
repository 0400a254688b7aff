package dev.odksim.common;

/**
 * Reads a {@code limit} query parameter. Taken as a String on purpose: a JAX-RS {@code int} parameter that does not
 * parse is answered 404 by the framework, where the API promises a 400 naming the field.
 */
public final class QueryLimit {

    private QueryLimit() {
    }

    /** {@code fallback} when absent; otherwise an integer from 1 to {@code max}, or a 400 naming {@code limit}. */
    public static int parse(String raw, int fallback, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // the problem below names the parameter
        }
        throw ProblemException.badRequest("limit", "must be an integer between 1 and " + max);
    }
}
