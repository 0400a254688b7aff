package dev.odksim.key;

import dev.odksim.signing.SigningKeys;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.odksim.appauth.SessionEnded;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.ProblemException;
import dev.odksim.common.SimClock;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Revocation (a key changes state, it is never deleted) and the signed revocation list through which a mostly-offline
 * lock learns of it: per lock, the ids of its revoked keys that have not yet expired, signed with the key-signing key.
 * Expired keys drop off the list, so short key lifetimes keep it small.
 */
@ApplicationScoped
public class KeyRevocations {

    private static final Logger LOG = Logger.getLogger(KeyRevocations.class);

    /** The JOSE {@code typ} of a revocation list. */
    public static final JOSEObjectType REVOCATIONS_TYPE = new JOSEObjectType("odk-revocations+jwt");

    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;
    @Inject
    SigningKeys signingKeys;

    /**
     * Revokes a key of {@code projectId}. Revoking a revoked key changes nothing; an expired or failed key cannot be
     * revoked (409), it already opens nothing.
     */
    @Transactional
    public AccessKey revoke(String projectId, String keyId, String reason) {
        // Row lock: ordered against the signing step (KeyService.issue locks the same row), so the revocation reads the
        // key as it is now and never writes back a stale copy over a token signed meanwhile.
        AccessKey key = AccessKey.<AccessKey>findByIdOptional(keyId, LockModeType.PESSIMISTIC_WRITE)
                .filter(k -> k.projectId.equals(projectId))
                .orElseThrow(() -> ProblemException.notFound("Key", keyId));
        KeyState state = KeyState.of(key, clock.now());
        if (state == KeyState.REVOKED) {
            return key;
        }
        if (state == KeyState.EXPIRED || state == KeyState.ERROR) {
            throw ProblemException.conflict("Key " + keyId + " is " + state.wire() + "; only creating, scheduled and active keys can be revoked");
        }
        markRevoked(key, reason == null || reason.isBlank() ? "revoked by admin" : reason.strip());
        return key;
    }

    /**
     * Revokes every key of {@code projectId} that still could open something (creating, scheduled or active), narrowed by
     * app user and/or lock; one conditional update, so a key signed concurrently is either revoked or not, never lost.
     * Returns how many were revoked.
     */
    @Transactional
    public int revokeAll(String projectId, String appUserId, String lockId, String reason) {
        StringBuilder where = new StringBuilder("projectId = :project and (state = :creating or (state = :issued and end > :now))");
        Parameters params = Parameters.with("project", projectId).and("creating", KeyState.STORED_CREATING)
                .and("issued", KeyState.ISSUED).and("now", clock.now());
        if (appUserId != null) {
            where.append(" and appUserId = :user");
            params.and("user", appUserId);
        }
        if (lockId != null) {
            where.append(" and lockId = :lock");
            params.and("lock", lockId);
        }
        params.and("revoked", KeyState.STORED_REVOKED).and("at", clock.now()).and("reason", reason);
        return AccessKey.update("state = :revoked, revokedAt = :at, revokedReason = :reason where " + where, params);
    }

    /** A session ended (logout, or the next worker logged in on the device): its device-bound keys are revoked. */
    void onSessionEnded(@Observes SessionEnded ended) {
        if (ended.deviceKeyThumbprint() == null) {
            return;
        }
        List<AccessKey> bound = AccessKey.<AccessKey>find("cnfThumbprint = :tp and state in (:states) and end > :now",
                Parameters.with("tp", ended.deviceKeyThumbprint()).and("states", List.of(KeyState.ISSUED, KeyState.STORED_CREATING))
                        .and("now", clock.now())).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        bound.forEach(k -> markRevoked(k, "session ended (" + ended.why() + ")"));
        if (!bound.isEmpty()) {
            LOG.infof("Session of %s on device %s ended (%s): revoked %d device-bound key(s)", ended.appUserId(), ended.deviceId(),
                    ended.why(), bound.size());
        }
    }

    private void markRevoked(AccessKey key, String reason) {
        key.state = KeyState.STORED_REVOKED;
        key.revokedAt = clock.now();
        key.revokedReason = reason.length() > 200 ? reason.substring(0, 200) : reason;
    }

    /** Ids of the lock's revoked keys that are not yet past their end (plus the locks' skew), oldest revocation first. */
    public List<String> revokedKeyIds(String lockId) {
        Instant horizon = clock.now().minus(config.keys().lockSkew());
        return AccessKey.getEntityManager().createQuery(
                        "select k.id from AccessKey k where k.lockId = :lock and k.state = :revoked and k.end > :horizon order by k.revokedAt, k.id",
                        String.class)
                .setParameter("lock", lockId).setParameter("revoked", KeyState.STORED_REVOKED).setParameter("horizon", horizon)
                .getResultList();
    }

    /**
     * The signed revocation list of a lock: a compact JWS ({@code typ odk-revocations+jwt}, ES256, the JWKS's
     * {@code kid}) with claims {@code iss}, {@code aud} = lock id, {@code iat}, {@code revoked} = key ids.
     */
    public String revocationList(String lockId) {
        ECKey signingKey = signingKeys.current();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(config.keys().issuer()).audience(lockId)
                .issueTime(Date.from(clock.now())).claim("revoked", revokedKeyIds(lockId)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signingKey.getKeyID()).type(REVOCATIONS_TYPE).build(), claims);
        try {
            jwt.sign(new ECDSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign the revocation list of " + lockId, e);
        }
        return jwt.serialize();
    }
}
