package dev.odksim.lock;

import dev.odksim.common.ProblemException;
import dev.odksim.common.SimClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Bounds the virtual locks' unauthenticated surface (docs/security.md, finding 4): attempts per bucket (a lock, a
 * client address) and minute of the simulator clock, counted in the database so several instances share the count.
 * Taking an attempt is one conditional update; the first attempt of a minute inserts the row, and an insert that loses
 * the race to another falls back to the update, so a lost race is an ordinary count, never an error.
 */
@ApplicationScoped
public class AttemptLimiter {

    @Inject
    EntityManager em;
    @Inject
    SimClock clock;

    /** Counts one attempt in {@code bucket}; a 429 problem with Retry-After when {@code limit} is reached this minute. */
    public void take(String bucket, int limit, String what) {
        long second = clock.now().getEpochSecond();
        long minute = Math.floorDiv(second, 60);
        if (!increment(bucket, minute, limit) && !(insert(bucket, minute) || increment(bucket, minute, limit))) {
            long retryAfter = 60 - Math.floorMod(second, 60);
            throw new ProblemException(429, "Too Many Requests", "More than " + limit + " challenge and unlock attempts per minute "
                    + what + "; retry after " + retryAfter + " s", null, "RATE_LIMITED").withRetryAfter(retryAfter);
        }
    }

    private boolean increment(String bucket, long minute, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "UPDATE attempt_windows SET attempts = attempts + 1 WHERE bucket = ?1 AND window_minute = ?2 AND attempts < ?3")
                .setParameter(1, bucket).setParameter(2, minute).setParameter(3, limit).executeUpdate() == 1);
    }

    /** The first attempt of the minute; false when the row already exists (another request was first, or it is full). */
    private boolean insert(String bucket, long minute) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                // Past minutes of every bucket go, so addresses that never come back leave no rows behind.
                em.createNativeQuery("DELETE FROM attempt_windows WHERE window_minute < ?1")
                        .setParameter(1, minute - 1).executeUpdate();
                em.createNativeQuery("INSERT INTO attempt_windows (bucket, window_minute, attempts) VALUES (?1, ?2, 1)")
                        .setParameter(1, bucket).setParameter(2, minute).executeUpdate();
            });
            return true;
        } catch (RuntimeException e) {
            // The primary key refused a second row for this minute: the caller counts on the existing one.
            return false;
        }
    }
}
