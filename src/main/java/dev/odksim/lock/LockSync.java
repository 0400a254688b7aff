package dev.odksim.lock;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.SimClock;
import dev.odksim.key.KeyRevocations;
import dev.odksim.signing.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each virtual lock knows of the platform, as a mostly-offline lock would: a copy of the JWKS and the last signed
 * revocation list it received. A lock syncs when a phone relays fresh data to it, which the simulator models as: on an
 * unlock attempt once the last sync is older than {@code odk.keys.lock-sync-interval} (measured with the simulator
 * clock), or on an explicit sync. Between syncs a revoked key still opens the lock; that window is the sync interval.
 * Kept in memory, per lock, per instance, like the lock's own memory.
 */
@ApplicationScoped
public class LockSync {

    private static final Logger LOG = Logger.getLogger(LockSync.class);

    @Inject
    SigningKeys signingKeys;
    @Inject
    KeyRevocations revocations;
    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;

    /** One lock's memory. */
    public record Memory(Instant syncedAt, JWKSet jwks, Set<String> revoked) {
    }

    private final Map<String, Memory> memories = new ConcurrentHashMap<>();

    /** The lock's memory, synced first if due (never synced, older than the interval, or the clock travelled back). */
    public Memory memory(String lockId) {
        Instant now = clock.now();
        Memory memory = memories.get(lockId);
        if (memory == null || now.isBefore(memory.syncedAt()) || !now.isBefore(memory.syncedAt().plus(config.keys().lockSyncInterval()))) {
            memory = sync(lockId);
        }
        return memory;
    }

    /** Receives the platform's JWKS and this lock's signed revocation list; keeps the old list if the new one does not verify. */
    public Memory sync(String lockId) {
        JWKSet jwks = signingKeys.publicJwks();
        Memory previous = memories.get(lockId);
        Set<String> revoked = verifiedRevocations(lockId, revocations.revocationList(lockId), jwks);
        if (revoked == null) {
            revoked = previous == null ? Set.of() : previous.revoked();
        }
        Memory memory = new Memory(clock.now(), jwks, revoked);
        memories.put(lockId, memory);
        return memory;
    }

    /** The lock's key for {@code kid}; on an unknown kid it fetches the JWKS again (a rotation happened since its sync). */
    public JWK trustedKey(String lockId, String kid) {
        if (kid == null) {
            return null;
        }
        Memory memory = memory(lockId);
        if (memory.jwks().getKeyByKeyId(kid) == null) {
            memory = new Memory(memory.syncedAt(), signingKeys.publicJwks(), memory.revoked());
            memories.put(lockId, memory);
        }
        return memory.jwks().getKeyByKeyId(kid);
    }

    private Set<String> verifiedRevocations(String lockId, String list, JWKSet jwks) {
        try {
            SignedJWT jwt = SignedJWT.parse(list);
            JWK signer = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
            if (!KeyRevocations.REVOCATIONS_TYPE.equals(jwt.getHeader().getType()) || !(signer instanceof ECKey ec)
                    || !jwt.verify(new ECDSAVerifier(ec)) || !jwt.getJWTClaimsSet().getAudience().contains(lockId)) {
                LOG.warnf("Lock %s: revocation list does not verify; keeping the previous one", lockId);
                return null;
            }
            List<String> ids = jwt.getJWTClaimsSet().getStringListClaim("revoked");
            return ids == null ? Set.of() : Set.copyOf(ids);
        } catch (ParseException | JOSEException e) {
            LOG.warnf("Lock %s: unreadable revocation list (%s); keeping the previous one", lockId, e.getMessage());
            return null;
        }
    }
}
