package dev.odksim.common;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * At most one computation in flight per key: callers arriving while it runs wait for it and get its result, or its
 * exception. Nothing is kept once it ends (a cache, if wanted, is the caller's: see the decision's token cache). The
 * one single-flight of the code base: the access request's decision per (user, lock, device) (docs/design.md §6.5) and
 * the OAuth2 token fetch per client use it. Hand-written (a map of futures) because no library at hand offers a
 * blocking single-flight; it is the standard ConcurrentHashMap + CompletableFuture idiom.
 */
public final class SingleFlight<K, V> {

    /** A waiter's deadline passed before the computation it waited for ended (the computation goes on). */
    public static final class WaitTimedOut extends RuntimeException {
        WaitTimedOut() {
            super("the computation in flight did not end within the waiter's deadline", null, false, false);
        }
    }

    private final ConcurrentHashMap<K, CompletableFuture<V>> flights = new ConcurrentHashMap<>();

    /** Runs {@code work}, or waits for the run already in flight for {@code key}, without a time limit. */
    public V run(K key, Supplier<V> work) {
        return run(key, work, Long.MAX_VALUE);
    }

    /**
     * As {@link #run(Object, Supplier)}; a caller that finds a run in flight waits for it at most {@code maxWaitNanos}
     * and then gets {@link WaitTimedOut}. The caller that runs {@code work} is not limited here.
     */
    public V run(K key, Supplier<V> work, long maxWaitNanos) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = flights.putIfAbsent(key, mine);
        if (running != null) {
            return await(running, maxWaitNanos);
        }
        try {
            V value = work.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(key, mine);
        }
    }

    private static <V> V await(CompletableFuture<V> running, long maxWaitNanos) {
        try {
            return maxWaitNanos == Long.MAX_VALUE ? running.join() : running.get(Math.max(0, maxWaitNanos), TimeUnit.NANOSECONDS);
        } catch (CompletionException | ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new WaitTimedOut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the computation in flight", e);
        }
    }
}
