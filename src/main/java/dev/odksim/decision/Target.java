package dev.odksim.decision;

/**
 * Everything the caller needs to call one decision endpoint, independent of where it is configured (a project's
 * on-demand configuration, or the endpoint validator's command line).
 *
 * @param url           the endpoint, without a query string
 * @param signingSecret HMAC secret for {@link RequestSigning}, or null for unsigned requests
 */
public record Target(String url, CallerAuth auth, String signingSecret, int connectTimeoutMs, int timeoutMs, int maxBodyBytes) {

    /** Every secret of this target, in the forms it is sent in, for the {@link dev.odksim.common.SecretScrubber}. */
    public java.util.List<String> secrets() {
        java.util.List<String> secrets = new java.util.ArrayList<>();
        secrets.add(signingSecret);
        if (auth instanceof CallerAuth.ApiHeader header) {
            secrets.add(header.value());
        } else if (auth instanceof CallerAuth.ApiHeaders headers) {
            secrets.addAll(headers.values().values());
        } else if (auth instanceof CallerAuth.OAuth2 oauth) {
            secrets.add(oauth.clientSecret());
            secrets.add(OAuth2Tokens.basic(oauth));
        }
        return secrets;
    }
}
