package dev.odksim.decision;

import dev.odksim.common.PercentEncoding;
import dev.odksim.common.SecretScrubber;
import dev.odksim.common.Secrets;
import dev.odksim.decision.CallerAuth.ApiHeader;
import dev.odksim.decision.CallerAuth.OAuth2;
import dev.odksim.decision.DecisionTransport.Failure;
import dev.odksim.decision.DecisionTransport.Outbound;
import dev.odksim.decision.DecisionTransport.Reply;
import dev.odksim.decision.DecisionTransport.Response;
import dev.odksim.decision.DecisionResult.Failed;
import dev.odksim.decision.TokenCache.Token;
import dev.odksim.decision.TokenCache.TokenFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One decision call to a {@link Target}, exactly as docs/design.md §6.3 describes it:
 * {@code GET {url}?lockId=…&appUserId=…} (RFC 3986 encoding, {@code +} as {@code %2B}), {@code Accept: application/json},
 * a User-Agent, a request id, the auth (API header or OAuth2 Bearer with one refresh and retry after a 401) and,
 * when configured, the request signature. Needs no project: the endpoint validator reuses it as is.
 */
@ApplicationScoped
public class DecisionRequester {

    private final DecisionTransport client;
    private final OAuth2Tokens tokens;

    @Inject
    public DecisionRequester(DecisionTransport client, OAuth2Tokens tokens) {
        this.client = client;
        this.tokens = tokens;
    }

    /** For subclasses that delegate to another requester (a run's watched caller) and for CDI's client proxy. */
    protected DecisionRequester() {
        this(null, null);
    }

    /**
     * One call and what came back, with the request as it may be shown (secrets masked).
     *
     * @param tokenRefreshed the first answer was a 401 to a cached OAuth2 token, so it was refreshed and the call repeated
     * @param sent           the request reached the wire (false when the URL is unusable or no token could be had)
     * @param latencyMs      wall time of the whole exchange, token fetches included
     */
    public record Exchange(String requestId, String method, String url, Map<String, String> maskedHeaders,
                           Reply reply, boolean sent, boolean tokenRefreshed, long latencyMs, SecretScrubber scrubber) {

        Exchange(String requestId, String method, String url, Map<String, String> maskedHeaders,
                 Reply reply, boolean sent, boolean tokenRefreshed, long latencyMs) {
            this(requestId, method, url, maskedHeaders, reply, sent, tokenRefreshed, latencyMs, SecretScrubber.none());
        }

        /** With every secret of the call scrubbed out of a failure's reason, and the scrubber kept for the answer's text. */
        Exchange scrubbedBy(SecretScrubber secrets) {
            Reply clean = reply instanceof Failure f
                    ? new Failure(new Failed(f.failure().outcome(), secrets.scrub(f.failure().reason())), f.latencyMs()) : reply;
            return new Exchange(requestId, method, url, maskedHeaders, clean, sent, tokenRefreshed, latencyMs, secrets);
        }
    }

    /** The exact URL a decision call goes to. */
    public static String url(Target target, String lockId, String appUserId) {
        return target.url() + "?lockId=" + PercentEncoding.encode(lockId) + "&appUserId=" + PercentEncoding.encode(appUserId);
    }

    /**
     * The requester of the {@code validate} and {@code load} commands, which run without the container: the same
     * classes, built through their constructors, with its own token cache.
     */
    public static DecisionRequester withoutContainer() {
        DecisionTransport transport = new DecisionTransport();
        return new DecisionRequester(transport, new OAuth2Tokens(transport, new com.fasterxml.jackson.databind.ObjectMapper()));
    }

    public Exchange call(Target target, String lockId, String appUserId, String requestId) {
        return callExactUrl(target, url(target, lockId, appUserId), requestId);
    }

    /** The deadline of an exchange that starts now: {@code timeoutMs} from now, for all of it. */
    static long deadline(Target target) {
        return System.nanoTime() + target.timeoutMs() * 1_000_000L;
    }

    /** Milliseconds left until the deadline (0 or less: none). */
    static int remainingMs(long deadlineNanos) {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
        return (int) Math.max(Math.min(left, Integer.MAX_VALUE), 0);
    }

    /**
     * The same call to {@code url} exactly as given, instead of the URL built from a lock and a user. Only the
     * conformance suite uses it: to send what a careless caller would (a raw {@code +}) and see what the endpoint does.
     */
    public Exchange callExactUrl(Target target, String url, String requestId) {
        List<String> bearerTokens = new ArrayList<>();
        Exchange exchange = exchange(target, url, requestId, bearerTokens, deadline(target));
        return exchange.scrubbedBy(SecretScrubber.of(target.secrets()).and(bearerTokens));
    }

    /**
     * ONE deadline for the whole exchange: the token fetch, the call, the refresh after a 401 and the repeated call
     * each get only what is left of it, so an app request never waits longer than {@code timeoutMs} for the integrator.
     */
    private Exchange exchange(Target target, String url, String requestId, List<String> bearerTokens, long deadlineNanos) {
        long started = System.nanoTime();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            Failure failure = new Failure(new Failed(Outcome.CONNECT_ERROR, "the URL is not usable: " + e.getMessage()), 0);
            return new Exchange(requestId, "GET", url, Map.of(), failure, false, false, 0);
        }
        Token token = null;
        if (target.auth() instanceof OAuth2 oauth) {
            try {
                token = tokens.token(oauth, target.connectTimeoutMs(), deadlineNanos);
                bearerTokens.add(token.value());
            } catch (TokenFailure e) {
                return authError(requestId, url, null, e, false, started);
            }
        }
        Attempt first = attempt(target, uri, requestId, token, deadlineNanos);
        if (!(target.auth() instanceof OAuth2 oauth) || !(first.reply() instanceof Response r) || r.status() != 401) {
            return new Exchange(requestId, "GET", url, first.maskedHeaders(), first.reply(), first.sent(), false, DecisionTransport.elapsed(started));
        }
        tokens.invalidate(oauth, token);
        Token fresh;
        try {
            fresh = tokens.token(oauth, target.connectTimeoutMs(), deadlineNanos);
            bearerTokens.add(fresh.value());
        } catch (TokenFailure e) {
            return authError(requestId, url, token, new TokenFailure("the integrator answered 401 and refreshing the token failed: "
                    + e.getMessage(), e.timedOut()), true, started);
        }
        Attempt second = attempt(target, uri, requestId, fresh, deadlineNanos);
        return new Exchange(requestId, "GET", url, second.maskedHeaders(), second.reply(), second.sent(), true, DecisionTransport.elapsed(started));
    }

    /** @param sent false when the request never reached the wire (a header value HTTP cannot carry) */
    private record Attempt(Map<String, String> maskedHeaders, Reply reply, boolean sent) {
    }

    private Attempt attempt(Target target, URI uri, String requestId, Token token, long deadlineNanos) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> masked = new LinkedHashMap<>();
        header(headers, masked, "Accept", "application/json", false);
        header(headers, masked, "User-Agent", DecisionTransport.USER_AGENT, false);
        header(headers, masked, DecisionTransport.REQUEST_ID_HEADER, requestId, false);
        if (target.auth() instanceof ApiHeader api) {
            header(headers, masked, api.name(), api.value(), true);
        } else if (target.auth() instanceof CallerAuth.ApiHeaders many) {
            many.values().forEach((name, value) -> header(headers, masked, name, value, true));
        } else if (token != null) {
            headers.put("Authorization", "Bearer " + token.value());
            masked.put("Authorization", "Bearer " + Secrets.mask(token.value()));
        }
        if (target.signingSecret() != null) {
            // Real wall-clock time, not the simulator's travelled clock: the integrator compares it with its own clock.
            long timestamp = Instant.now().getEpochSecond();
            String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String signature = RequestSigning.signature(target.signingSecret(),
                    RequestSigning.signedContent(requestId, timestamp, "GET", pathAndQuery));
            header(headers, masked, RequestSigning.ID, requestId, false);
            header(headers, masked, RequestSigning.TIMESTAMP, Long.toString(timestamp), false);
            header(headers, masked, RequestSigning.SIGNATURE, signature, false);
        }
        String unsendable = headers.entrySet().stream().filter(h -> !sendsAsTyped(h.getValue())).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        if (unsendable != null) {
            // Fail closed: the JDK client would reject the value (quoting it) or send other bytes than configured.
            return new Attempt(masked, new Failure(new Failed(Outcome.CONNECT_ERROR, "the value of header " + unsendable
                    + " has characters an HTTP header cannot carry (only visible ASCII, spaces and tabs); save it again"), 0), false);
        }
        int remaining = remainingMs(deadlineNanos);
        if (remaining <= 0) {
            return new Attempt(masked, new Failure(new Failed(Outcome.TIMEOUT, "the total timeout of " + target.timeoutMs()
                    + " ms was used up before the call could be sent (token fetch and earlier attempts)"), 0), false);
        }
        Reply reply = client.send(new Outbound("GET", uri, headers, null, target.connectTimeoutMs(), remaining,
                target.timeoutMs(), target.maxBodyBytes()));
        return new Attempt(masked, reply, true);
    }

    /** RFC 9110 field-value without obs-text: what the JDK client sends byte for byte. */
    private static boolean sendsAsTyped(String value) {
        return value.chars().allMatch(ch -> ch == '\t' || (ch >= 0x20 && ch <= 0x7E));
    }

    private static void header(Map<String, String> headers, Map<String, String> masked, String name, String value, boolean secret) {
        headers.put(name, value);
        masked.put(name, secret ? Secrets.mask(value) : value);
    }

    private static Exchange authError(String requestId, String url, Token token, TokenFailure failure, boolean refreshed, long started) {
        String reason = failure.getMessage();
        Map<String, String> masked = new LinkedHashMap<>();
        masked.put("Accept", "application/json");
        masked.put("User-Agent", DecisionTransport.USER_AGENT);
        masked.put(DecisionTransport.REQUEST_ID_HEADER, requestId);
        masked.put("Authorization", token == null ? "Bearer (no token: the token request failed)" : "Bearer " + Secrets.mask(token.value()));
        long latency = DecisionTransport.elapsed(started);
        // A token endpoint that did not answer within the request's deadline is a timeout, as a slow integrator is.
        Outcome outcome = failure.timedOut() ? Outcome.TIMEOUT : Outcome.AUTH_ERROR;
        return new Exchange(requestId, "GET", url, masked, new Failure(new Failed(outcome, reason), latency),
                refreshed, refreshed, latency);
    }
}
