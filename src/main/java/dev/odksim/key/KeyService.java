package dev.odksim.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.odksim.common.Ids;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.SimClock;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/** Minting, storing and finding keys (DESIGN.md §7). */
@ApplicationScoped
public class KeyService {

    /** The JOSE {@code typ} of a key, so a key cannot be confused with another JWT the platform signs. */
    public static final JOSEObjectType KEY_TYPE = new JOSEObjectType("odk-key+jwt");

    @Inject
    SigningKeys signingKeys;
    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;

    /** What a new key is for; start and end are whole seconds, as the JWS carries them. */
    public record KeyRequest(String projectId, String lockId, String appUserId, Instant start, Instant end,
                             String source, String decisionId) {
    }

    /** Signs and stores a key in one transaction: either the key exists with its token, or nothing does. */
    @Transactional
    public AccessKey mint(KeyRequest request) {
        Instant now = clock.now();
        AccessKey key = new AccessKey();
        key.id = Ids.uuid();
        key.projectId = request.projectId();
        key.lockId = request.lockId();
        key.appUserId = request.appUserId();
        key.start = request.start();
        key.end = request.end();
        key.source = request.source();
        key.decisionId = request.decisionId();
        key.createdAt = now;
        key.state = KeyState.ISSUED;
        key.token = sign(key, now);
        key.persist();
        return key;
    }

    private String sign(AccessKey key, Instant now) {
        ECKey signingKey = signingKeys.current();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(config.keys().issuer())
                .subject(key.appUserId)
                .audience(key.lockId)
                .jwtID(key.id)
                .notBeforeTime(Date.from(key.start))
                .expirationTime(Date.from(key.end))
                .issueTime(Date.from(now))
                .claim("project", key.projectId)
                .claim("source", key.source);
        if (key.decisionId != null) {
            claims.claim("decisionId", key.decisionId);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signingKey.getKeyID()).type(KEY_TYPE).build(),
                claims.build());
        try {
            jwt.sign(new ECDSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign key " + key.id, e);
        }
        return jwt.serialize();
    }

    /** The existing key of DESIGN.md §7.1: issued, not revoked, its window containing now; the one lasting longest. */
    public Optional<AccessKey> activeKey(String appUserId, String lockId) {
        Instant now = clock.now();
        return AccessKey.<AccessKey>find("appUserId = :user and lockId = :lock and state = :issued and start <= :now and end > :now order by end desc",
                        Parameters.with("user", appUserId).and("lock", lockId).and("issued", KeyState.ISSUED).and("now", now))
                .firstResultOptional();
    }

    public List<AccessKey> keysOf(String appUserId) {
        return AccessKey.list("appUserId = ?1 order by createdAt desc", appUserId);
    }

    /** A key by id, only if it belongs to {@code appUserId} (another user's key is indistinguishable from none). */
    public Optional<AccessKey> keyOf(String appUserId, String keyId) {
        return AccessKey.<AccessKey>findByIdOptional(keyId).filter(k -> k.appUserId.equals(appUserId));
    }

    /** Admin listing with optional filters; {@code state} is matched against the clock-derived state. */
    public List<AccessKey> keysOfProject(String projectId, String appUserId, String lockId, KeyState state) {
        StringBuilder query = new StringBuilder("projectId = :project");
        Parameters params = Parameters.with("project", projectId);
        if (appUserId != null) {
            query.append(" and appUserId = :user");
            params.and("user", appUserId);
        }
        if (lockId != null) {
            query.append(" and lockId = :lock");
            params.and("lock", lockId);
        }
        List<AccessKey> keys = AccessKey.list(query + " order by createdAt desc, id", params);
        if (state == null) {
            return keys;
        }
        Instant now = clock.now();
        return keys.stream().filter(k -> KeyState.of(k, now) == state).toList();
    }

    public Instant now() {
        return clock.now();
    }
}
