package dev.odksim.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.common.PercentEncoding;
import dev.odksim.common.Secrets;
import dev.odksim.decision.CallerAuth.OAuth2;
import dev.odksim.decision.DecisionTransport.Failure;
import dev.odksim.decision.DecisionTransport.Outbound;
import dev.odksim.decision.DecisionTransport.Response;
import dev.odksim.decision.TokenCache.Token;
import dev.odksim.decision.TokenCache.TokenFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OAuth2 client credentials (RFC 6749 §4.4) for the decision call: fetches a token with HTTP Basic client
 * authentication (§2.3.1) over the same transport as the decision call (same timeouts, no redirects, capped body),
 * and caches it per client in a {@link TokenCache}.
 *
 * <p>Quarkus' OIDC client is configured statically per named client and hides transport failures behind one
 * exception; here every project's client lives in the database and every failure needs a precise reason.
 */
@ApplicationScoped
public class OAuth2Tokens {

    private static final int MAX_TOKEN_RESPONSE_BYTES = 16 * 1024;

    private final DecisionTransport client;
    private final ObjectMapper json;
    private final TokenCache cache = new TokenCache(System::nanoTime);

    @Inject
    public OAuth2Tokens(DecisionTransport client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /**
     * A usable access token for this client, cached or freshly fetched, by {@code deadlineNanos} ({@link System#nanoTime()}):
     * a fetch, or waiting for another caller's fetch, never outlasts it.
     */
    Token token(OAuth2 auth, int connectTimeoutMs, long deadlineNanos) throws TokenFailure {
        return cache.get(key(auth), () -> fetch(auth, connectTimeoutMs, deadlineNanos), deadlineNanos);
    }

    /** The integrator refused this token: the next {@link #token} fetches a new one. */
    void invalidate(OAuth2 auth, Token token) {
        cache.invalidate(key(auth), token);
    }

    private static String key(OAuth2 auth) {
        return auth.tokenUrl() + "\n" + auth.clientId() + "\n" + Secrets.sha256(auth.clientSecret()) + "\n" + auth.scope();
    }

    private Token fetch(OAuth2 auth, int connectTimeoutMs, long deadlineNanos) throws TokenFailure {
        int timeoutMs = DecisionRequester.remainingMs(deadlineNanos);
        if (timeoutMs <= 0) {
            throw new TokenFailure("no time left for the token request within the total timeout", true);
        }
        String form = "grant_type=client_credentials" + (auth.scope() == null ? "" : "&scope=" + PercentEncoding.encode(auth.scope()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("User-Agent", DecisionTransport.USER_AGENT);
        headers.put("Authorization", basic(auth));
        URI uri;
        try {
            uri = URI.create(auth.tokenUrl());
        } catch (IllegalArgumentException e) {
            throw new TokenFailure("token URL is not usable: " + e.getMessage());
        }
        var reply = client.send(new Outbound("POST", uri, headers, form.getBytes(StandardCharsets.UTF_8),
                connectTimeoutMs, timeoutMs, MAX_TOKEN_RESPONSE_BYTES));
        if (reply instanceof Failure failure) {
            throw new TokenFailure("token endpoint " + uri.getAuthority() + " failed: " + failure.failure().reason(),
                    failure.failure().outcome() == Outcome.TIMEOUT);
        }
        Response response = (Response) reply;
        JsonNode body = parse(response.body());
        if (response.status() != 200) {
            String error = body != null && body.path("error").isTextual() ? " error=" + body.path("error").textValue()
                    + (body.path("error_description").isTextual() ? " (" + body.path("error_description").textValue() + ")" : "") : "";
            throw new TokenFailure("token endpoint answered HTTP " + response.status() + error);
        }
        if (body == null || !body.isObject()) {
            throw new TokenFailure("token endpoint answered 200 without a JSON object");
        }
        JsonNode token = body.get("access_token");
        if (token == null || !token.isTextual() || token.textValue().isEmpty()) {
            throw new TokenFailure("token response has no access_token string");
        }
        JsonNode type = body.get("token_type");
        if (type == null || !type.isTextual() || !type.textValue().equalsIgnoreCase("Bearer")) {
            throw new TokenFailure("token response token_type must be Bearer, got " + type);
        }
        long expiresIn = expiresIn(body.get("expires_in"));
        return new Token(token.textValue(), expiresIn, cache.usableUntil(expiresIn));
    }

    /** A JSON integer or, as some servers send it, a string of digits; absent means the caller cannot cache safely. */
    private static long expiresIn(JsonNode node) throws TokenFailure {
        if (node == null || node.isNull()) {
            throw new TokenFailure("token response has no expires_in, so the caller cannot know when to refresh the token");
        }
        long seconds;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            seconds = node.longValue();
        } else if (node.isTextual() && node.textValue().matches("\\d{1,9}")) {
            seconds = Long.parseLong(node.textValue());
        } else {
            throw new TokenFailure("token response expires_in must be a whole number of seconds, got " + node);
        }
        if (seconds <= 0) {
            throw new TokenFailure("token response expires_in must be positive, got " + seconds);
        }
        return seconds;
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static String basic(OAuth2 auth) {
        // RFC 6749 §2.3.1: the client id and secret are form-encoded before Base64.
        String pair = java.net.URLEncoder.encode(auth.clientId(), StandardCharsets.UTF_8) + ":"
                + java.net.URLEncoder.encode(auth.clientSecret(), StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
