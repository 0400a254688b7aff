package dev.odksim.conformance;

import dev.odksim.common.HttpUrls;
import dev.odksim.common.PhoneNumbers;
import dev.odksim.common.Secrets;
import dev.odksim.decision.CallerAuth;
import dev.odksim.decision.Target;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the suite validates: the decision caller's {@link Target} (URL, auth, signing, timeouts, body cap), a
 * (lock, phone) pair the endpoint must grant and one it must deny.
 */
public record Endpoint(Target target, Pair grant, Pair deny) {

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

    /** @throws IllegalArgumentException when the URL cannot be a decision endpoint */
    public static String requireEndpointUrl(String option, String url) {
        if (HttpUrls.isHttpUrl(url, false)) {
            return url;
        }
        throw new IllegalArgumentException(option + " must be an absolute http or https URL without a query string"
                + " or credentials" + (url == null || url.contains("@") ? "" : " (got '" + url + "')"));
    }

    public String url() {
        return target.url();
    }

    public boolean https() {
        return target.url().regionMatches(true, 0, "https:", 0, 6);
    }

    public boolean hasAuth() {
        return !(target.auth() instanceof CallerAuth.None);
    }

    /** The auth as reports show it: header names with masked values. */
    public Map<String, String> maskedAuth() {
        Map<String, String> shown = new LinkedHashMap<>();
        if (target.auth() instanceof CallerAuth.ApiHeader one) {
            shown.put(one.name(), Secrets.mask(one.value()));
        } else if (target.auth() instanceof CallerAuth.ApiHeaders many) {
            many.values().forEach((name, value) -> shown.put(name, Secrets.mask(value)));
        } else if (target.auth() instanceof CallerAuth.OAuth2 oauth) {
            shown.put("Authorization", "Bearer (OAuth2 client credentials of client " + oauth.clientId() + " from " + oauth.tokenUrl() + ")");
        }
        return shown;
    }
}
