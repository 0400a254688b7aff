package dev.odksim.conformance;

import dev.odksim.common.PhoneNumbers;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * What the suite validates: the endpoint URL, the headers the platform sends (the auth), a (lock, phone) pair the
 * endpoint must grant and one it must deny. Header values are secrets.
 */
public record Target(String url, Map<String, String> headers, Pair grant, Pair deny) {

    /** A lock id and an E.164 phone number. */
    public record Pair(String lockId, String appUserId) {

        /**
         * Parses {@code LOCK_ID:E164}. Lock ids may contain colons ({@code danalock-d4:b5:8f:59:47:79}), phone numbers
         * never do, so the split is at the last colon.
         *
         * @throws IllegalArgumentException saying what is wrong, for the caller to prefix with the option or field
         */
        public static Pair parse(String raw) {
            int colon = raw == null ? -1 : raw.lastIndexOf(':');
            if (colon <= 0 || colon == raw.length() - 1 || raw.substring(0, colon).isBlank()) {
                throw new IllegalArgumentException("must be LOCK_ID:E164, e.g. demo-front-door:+4712345678 (got '" + raw + "')");
            }
            String appUserId = raw.substring(colon + 1);
            String phone = PhoneNumbers.normalise(appUserId).orElseThrow(() -> new IllegalArgumentException(
                    "'" + appUserId + "' is not an E.164 phone number (e.g. +4712345678)"));
            return new Pair(raw.substring(0, colon), phone);
        }

        @Override
        public String toString() {
            return lockId + ":" + appUserId;
        }
    }

    public Target {
        headers = Map.copyOf(headers);
    }

    /** @throws IllegalArgumentException when the URL cannot be a decision endpoint */
    public static String requireEndpointUrl(String option, String url) {
        try {
            URI uri = new URI(url);
            if (uri.isAbsolute() && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be an absolute http or https URL without a query string (got '" + url + "')");
    }

    public boolean https() {
        return url.regionMatches(true, 0, "https:", 0, 6);
    }
}
