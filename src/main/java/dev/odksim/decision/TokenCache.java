package dev.odksim.decision;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * OAuth2 access tokens by client, each used until shortly before it expires. Concurrent callers that find no usable
 * token share ONE fetch (and its failure): no stampede on the token endpoint. A failed fetch is not cached.
 *
 * <p>Hand-written (about 60 lines) because the cache key, the expiry margin and the "one refresh after a 401"
 * invalidation are specific to this caller; the single-flight is a {@link ConcurrentHashMap} of futures.
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

    private final ConcurrentHashMap<String, CompletableFuture<Token>> entries = new ConcurrentHashMap<>();
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
        while (true) {
            CompletableFuture<Token> mine = new CompletableFuture<>();
            CompletableFuture<Token> current = entries.putIfAbsent(key, mine);
            if (current == null) {
                return lead(key, mine, fetcher);
            }
            Token token;
            try {
                token = deadlineNanos == Long.MAX_VALUE ? current.join()
                        : current.get(Math.max(0, deadlineNanos - nanoTime.getAsLong()), TimeUnit.NANOSECONDS);
            } catch (CompletionException | ExecutionException e) {
                if (e.getCause() instanceof TokenFailure failure) {
                    throw failure;
                }
                throw new TokenFailure("token fetch failed: " + e.getCause());
            } catch (TimeoutException e) {
                throw new TokenFailure("another request's token fetch did not finish within the total timeout", true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TokenFailure("interrupted while waiting for the token");
            }
            if (nanoTime.getAsLong() - token.usableUntilNanos() < 0) {
                return token;
            }
            entries.remove(key, current);
        }
    }

    /** Drops this token (the integrator refused it) unless another caller already replaced it. */
    void invalidate(String key, Token stale) {
        entries.computeIfPresent(key, (k, future) -> future.isDone() && !future.isCompletedExceptionally()
                && future.join() == stale ? null : future);
    }

    private Token lead(String key, CompletableFuture<Token> mine, Fetcher fetcher) throws TokenFailure {
        try {
            Token token = fetcher.fetch();
            mine.complete(token);
            return token;
        } catch (TokenFailure failure) {
            entries.remove(key, mine);
            mine.completeExceptionally(failure);
            throw failure;
        } catch (RuntimeException e) {
            entries.remove(key, mine);
            TokenFailure failure = new TokenFailure("token fetch failed: " + e);
            mine.completeExceptionally(failure);
            throw failure;
        }
    }
}
