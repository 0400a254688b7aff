package dev.odksim.decision;

/**
 * Everything the caller needs to call one decision endpoint, independent of where it is configured (a project's
 * on-demand configuration, or the endpoint validator's command line).
 *
 * @param url           the endpoint, without a query string
 * @param signingSecret HMAC secret for {@link RequestSigning}, or null for unsigned requests
 */
public record Target(String url, CallerAuth auth, String signingSecret, int connectTimeoutMs, int timeoutMs, int maxBodyBytes) {
}
