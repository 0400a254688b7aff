package dev.odksim.lock;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.odksim.common.Ids;
import dev.odksim.common.JsonTime;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.SimClock;
import dev.odksim.key.KeyService;
import dev.odksim.key.SigningKeys;
import dev.odksim.lock.UnlockResult.Refused;
import dev.odksim.lock.UnlockResult.Unlocked;
import dev.odksim.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;

/**
 * The virtual lock of DESIGN.md §8. Like a real offline lock it trusts only what it can check itself: the key's
 * signature against its copy of the JWKS (refreshed when it meets an unknown {@code kid}), that the key names this
 * lock, and the validity window with a small skew. It never looks the key up in the platform's database.
 */
@ApplicationScoped
public class VirtualLockService {

    @Inject
    ProjectService projects;
    @Inject
    SigningKeys signingKeys;
    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;

    private volatile JWKSet trustedKeys;

    @Transactional
    public UnlockResult unlock(String lockId, String token) {
        projects.lock(lockId);
        Instant now = clock.now();
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return record(lockId, null, null, now, new Refused("MALFORMED_KEY", "The key is not a compact JWS: " + e.getMessage()));
        }
        String keyId = claims.getJWTID();
        String appUserId = claims.getSubject();
        return record(lockId, keyId, appUserId, now, check(lockId, jwt, claims, now));
    }

    private UnlockResult check(String lockId, SignedJWT jwt, JWTClaimsSet claims, Instant now) {
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !KeyService.KEY_TYPE.equals(jwt.getHeader().getType())) {
            return new Refused("MALFORMED_KEY", "The key must be an ES256 JWS of type " + KeyService.KEY_TYPE);
        }
        JWK signer = trustedKey(jwt.getHeader().getKeyID());
        if (signer == null) {
            return new Refused("UNKNOWN_SIGNING_KEY", "The key was signed by a key this lock does not trust (kid " + jwt.getHeader().getKeyID() + ")");
        }
        try {
            if (!jwt.verify(new ECDSAVerifier((ECKey) signer))) {
                return new Refused("BAD_SIGNATURE", "The key's signature does not verify");
            }
        } catch (JOSEException e) {
            return new Refused("BAD_SIGNATURE", "The key's signature cannot be verified: " + e.getMessage());
        }
        if (!config.keys().issuer().equals(claims.getIssuer())) {
            return new Refused("WRONG_ISSUER", "The key was issued by '" + claims.getIssuer() + "'");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(lockId)) {
            return new Refused("WRONG_LOCK", "The key is for another lock (" + claims.getAudience() + ")");
        }
        Duration skew = config.keys().lockSkew();
        if (claims.getNotBeforeTime() == null || claims.getExpirationTime() == null) {
            return new Refused("MALFORMED_KEY", "The key has no validity window (nbf, exp)");
        }
        if (now.plus(skew).isBefore(claims.getNotBeforeTime().toInstant())) {
            return new Refused("NOT_YET_VALID", "The key is valid from " + JsonTime.format(claims.getNotBeforeTime().toInstant()));
        }
        if (!now.minus(skew).isBefore(claims.getExpirationTime().toInstant())) {
            return new Refused("EXPIRED", "The key expired at " + JsonTime.format(claims.getExpirationTime().toInstant()));
        }
        return new Unlocked(claims.getJWTID());
    }

    /** The lock's copy of the JWKS; fetched again only when a key names a kid the copy does not have. */
    private JWK trustedKey(String kid) {
        if (kid == null) {
            return null;
        }
        JWKSet keys = trustedKeys;
        if (keys == null || keys.getKeyByKeyId(kid) == null) {
            keys = signingKeys.publicJwks();
            trustedKeys = keys;
        }
        return keys.getKeyByKeyId(kid);
    }

    private UnlockResult record(String lockId, String keyId, String appUserId, Instant now, UnlockResult result) {
        AccessEvent event = new AccessEvent();
        event.id = Ids.uuid();
        event.lockId = lockId;
        event.keyId = keyId == null ? null : truncate(keyId, 64);
        event.appUserId = appUserId == null ? null : truncate(appUserId, 32);
        event.at = now;
        if (result instanceof Refused refused) {
            event.result = "refused";
            event.reason = truncate(refused.reason() + ": " + refused.detail(), 500);
        } else {
            event.result = "unlocked";
        }
        event.persist();
        return result;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
