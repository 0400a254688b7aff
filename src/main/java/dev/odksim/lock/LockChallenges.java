package dev.odksim.lock;

import dev.odksim.common.Ids;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.SimClock;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;

/** Nonces a virtual lock hands out for device-bound keys: random, bound to the lock, short-lived, used at most once. */
@ApplicationScoped
public class LockChallenges {

    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;

    public record Challenge(String lockId, String nonce, Instant expiresAt) {
    }

    @Transactional
    public Challenge issue(String lockId) {
        LockChallenge challenge = new LockChallenge();
        challenge.nonce = Ids.secret(24);
        challenge.lockId = lockId;
        challenge.expiresAt = clock.now().plus(config.keys().challengeTtl());
        challenge.persist();
        return new Challenge(lockId, challenge.nonce, challenge.expiresAt);
    }

    /**
     * Uses up a nonce: true only if it was issued by this lock, has not expired and was not used before. The delete is
     * the atomic "use", so two requests racing with one nonce cannot both succeed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean consume(String lockId, String nonce) {
        if (nonce == null || nonce.length() > 64) {
            return false;
        }
        return LockChallenge.delete("nonce = :nonce and lockId = :lock and expiresAt > :now",
                Parameters.with("nonce", nonce).and("lock", lockId).and("now", clock.now())) == 1;
    }
}
