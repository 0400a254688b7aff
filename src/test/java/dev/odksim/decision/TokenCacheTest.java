package dev.odksim.decision;

import dev.odksim.decision.TokenCache.Token;
import dev.odksim.decision.TokenCache.TokenFailure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OAuth2 token cache on a fake monotonic clock: reuse, expiry margin, invalidation, one fetch for many callers. */
class TokenCacheTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final TokenCache cache = new TokenCache(nanos::get);
    private final AtomicInteger fetches = new AtomicInteger();

    private Token fetch(long expiresIn) {
        return new Token("token-" + fetches.incrementAndGet(), expiresIn, cache.usableUntil(expiresIn));
    }

    private void advanceSeconds(long seconds) {
        nanos.addAndGet(seconds * 1_000_000_000L);
    }

    @Test
    void tokenIsReusedUntilShortlyBeforeItExpires() throws TokenFailure {
        Token first = cache.get("client", () -> fetch(3600));
        advanceSeconds(3569);
        assertThat(cache.get("client", () -> fetch(3600))).isSameAs(first);
        advanceSeconds(1); // 30 s before expiry: no longer handed out
        Token second = cache.get("client", () -> fetch(3600));
        assertThat(second.value()).isEqualTo("token-2");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void shortLivedTokenKeepsATenthAsMargin() throws TokenFailure {
        cache.get("client", () -> fetch(60));
        advanceSeconds(53);
        assertThat(cache.get("client", () -> fetch(60)).value()).isEqualTo("token-1");
        advanceSeconds(1);
        assertThat(cache.get("client", () -> fetch(60)).value()).isEqualTo("token-2");
    }

    @Test
    void clientsHaveTheirOwnTokens() throws TokenFailure {
        assertThat(cache.get("a", () -> fetch(3600)).value()).isEqualTo("token-1");
        assertThat(cache.get("b", () -> fetch(3600)).value()).isEqualTo("token-2");
        assertThat(cache.get("a", () -> fetch(3600)).value()).isEqualTo("token-1");
    }

    @Test
    void invalidatedTokenIsReplacedOnce() throws TokenFailure {
        Token stale = cache.get("client", () -> fetch(3600));
        cache.invalidate("client", stale);
        Token fresh = cache.get("client", () -> fetch(3600));
        assertThat(fresh.value()).isEqualTo("token-2");
        cache.invalidate("client", stale); // a late 401 for the old token must not throw away the new one
        assertThat(cache.get("client", () -> fetch(3600))).isSameAs(fresh);
    }

    @Test
    void failureIsNotCached() throws TokenFailure {
        assertThatThrownBy(() -> cache.get("client", () -> {
            throw new TokenFailure("token endpoint answered HTTP 400");
        })).isInstanceOf(TokenFailure.class).hasMessageContaining("HTTP 400");
        assertThat(cache.get("client", () -> fetch(3600)).value()).isEqualTo("token-1");
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        int callers = 12;
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Thread> threads = new ArrayList<>();
        try {
            List<Future<Token>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    synchronized (threads) {
                        threads.add(Thread.currentThread());
                    }
                    return cache.get("client", () -> {
                        fetching.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            throw new TokenFailure("interrupted");
                        }
                        return fetch(3600);
                    });
                }));
            }
            assertThat(fetching.await(5, TimeUnit.SECONDS)).isTrue();
            awaitAllButOneWaiting(threads, callers);
            release.countDown();
            for (Future<Token> result : results) {
                assertThat(result.get(5, TimeUnit.SECONDS).value()).isEqualTo("token-1");
            }
            assertThat(fetches).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Bounded wait until every caller but the fetching one is parked on the shared future. */
    private static void awaitAllButOneWaiting(List<Thread> threads, int callers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            synchronized (threads) {
                if (threads.size() == callers && threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count() >= callers) {
                    return; // the fetcher waits on its latch, the others on the future
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("callers did not all reach the cache");
    }
}
