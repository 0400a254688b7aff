package dev.odksim.common;

/**
 * The {@code limit} query parameter of the listings. Taken as a string and parsed here, because JAX-RS answers an
 * unconvertible {@code int} parameter with a bare 404; this gives a 400 naming the field instead.
 */
public final class PageLimit {

    private PageLimit() {
    }

    /** {@code raw} as an integer in 1..{@code max}; {@code defaultValue} when absent; otherwise a 400 naming {@code limit}. */
    public static int parse(String raw, int defaultValue, int max) {
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest("limit", "must be an integer between 1 and " + max);
    }
}
