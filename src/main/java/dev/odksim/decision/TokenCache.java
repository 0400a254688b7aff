package dev.odksim.decision;

import dev.odksim.common.SingleFlight;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * OAuth2 access tokens by client, each used until shortly before it expires. Concurrent callers that find no usable
 * token share ONE fetch (and its failure): no stampede on the token endpoint. A failed fetch is not cached.
 *
 * <p>The cache key, the expiry margin and the "one refresh after a 401" invalidation are specific to this caller; the
 * shared fetch is the code base's one {@link SingleFlight}.
 */
final class TokenCache {

    /** A token and the monotonic time (nanos) after which it is no longer handed out. */
    record Token(String value, long expiresInSeconds, long usableUntilNanos) {
    }

    /** Fetches a token from the endpoint; the only place that talks HTTP. */
    @FunctionalInterface
    interface Fetcher {
        Token fetch() throws TokenFailure;
    }

    /** The token endpoint failed; {@code reason} says how, without secrets. */
    static final class TokenFailure extends Exception {
        private final boolean timedOut;

        TokenFailure(String reason) {
            this(reason, false);
        }

        /** {@code timedOut}: the token endpoint did not answer within the request's deadline. */
        TokenFailure(String reason, boolean timedOut) {
            super(reason, null, false, false);
            this.timedOut = timedOut;
        }

        boolean timedOut() {
            return timedOut;
        }
    }

    private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();
    private final SingleFlight<String, Token> fetches = new SingleFlight<>();
    private final LongSupplier nanoTime;

    TokenCache(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** When a token of this lifetime, fetched now, stops being handed out: shortly before it expires. */
    long usableUntil(long expiresInSeconds) {
        long margin = Math.min(30, expiresInSeconds / 10);
        return nanoTime.getAsLong() + (expiresInSeconds - margin) * 1_000_000_000L;
    }

    Token get(String key, Fetcher fetcher) throws TokenFailure {
        return get(key, fetcher, Long.MAX_VALUE);
    }

    /** As {@link #get(String, Fetcher)}, waiting for another caller's fetch at most until {@code deadlineNanos}. */
    Token get(String key, Fetcher fetcher, long deadlineNanos) throws TokenFailure {
        Token cached = usable(tokens.get(key));
        if (cached != null) {
            return cached;
        }
        long maxWait = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - nanoTime.getAsLong();
        try {
            return fetches.run(key, () -> {
                Token fetchedMeanwhile = usable(tokens.get(key));   // a fetch that ended just before this one began
                return fetchedMeanwhile != null ? fetchedMeanwhile : fetch(key, fetcher);
            }, maxWait);
        } catch (Failed failed) {
            throw failed.failure;
        } catch (SingleFlight.WaitTimedOut e) {
            throw new TokenFailure("another request's token fetch did not finish within the total timeout", true);
        } catch (RuntimeException e) {
            throw new TokenFailure("token fetch failed: " + e);
        }
    }

    /** Drops this token (the integrator refused it) unless another caller already replaced it. */
    void invalidate(String key, Token stale) {
        tokens.remove(key, stale);
    }

    private Token usable(Token token) {
        return token != null && nanoTime.getAsLong() - token.usableUntilNanos() < 0 ? token : null;
    }

    private Token fetch(String key, Fetcher fetcher) {
        try {
            Token token = fetcher.fetch();
            tokens.put(key, token);
            return token;
        } catch (TokenFailure failure) {
            throw new Failed(failure);
        }
    }

    /** Carries a fetch's checked failure through the single flight to every caller that shared it. */
    private static final class Failed extends RuntimeException {
        private final TokenFailure failure;

        Failed(TokenFailure failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }
}
