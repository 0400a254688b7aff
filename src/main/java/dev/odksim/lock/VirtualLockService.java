package dev.odksim.lock;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.odksim.common.Ids;
import dev.odksim.common.JsonTime;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.SimClock;
import dev.odksim.key.KeyService;
import dev.odksim.key.Recurrence;
import dev.odksim.lock.UnlockResult.Refused;
import dev.odksim.lock.UnlockResult.Unlocked;
import dev.odksim.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The virtual lock of docs/design.md §8. Like a real offline lock it trusts only what it can check itself: the key's
 * signature against its copy of the JWKS, that the key names this lock, the validity window with a small skew, its
 * last revocation list ({@link LockSync}), and for a device-bound key (RFC 7800 {@code cnf.jwk}) a proof signed by the
 * device key over a fresh nonce of this lock ({@link LockChallenges}). It never looks the key up in the platform's
 * database.
 */
@ApplicationScoped
public class VirtualLockService {

    /** The JOSE {@code typ} of the device's answer to a lock challenge. */
    public static final JOSEObjectType PROOF_TYPE = new JOSEObjectType("odk-unlock-proof+jwt");

    @Inject
    ProjectService projects;
    @Inject
    LockSync sync;
    @Inject
    LockChallenges challenges;
    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;
    /** Observed synchronously, in this transaction, by the webhook outbox (dev.odksim.webhook.WebhookOutbox). */
    @Inject
    Event<UnlocAccessEvent> unlocked;

    /** @param proof the device's signed answer to a challenge (compact JWS), needed for device-bound keys; may be null */
    @Transactional
    public UnlockResult unlock(String lockId, String token, String proof) {
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
        Refused unverified = verifySignature(lockId, jwt);
        if (unverified != null) {
            // docs/security.md finding 4: claims of a key whose signature does not verify are anyone's words: the
            // attempt is recorded without a user or a key.
            return record(lockId, null, null, now, unverified);
        }
        UnlockResult result = check(lockId, claims, now);
        if (result instanceof Unlocked) {
            result = checkDevice(lockId, claims, proof);
        }
        return record(lockId, claims.getJWTID(), claims.getSubject(), now, result);
    }

    public LockChallenges.Challenge challenge(String lockId) {
        projects.lock(lockId);
        return challenges.issue(lockId);
    }

    public LockSync.Memory sync(String lockId) {
        projects.lock(lockId);
        return sync.sync(lockId);
    }

    /** Null when the key is an ES256 key of our type signed by a key this lock trusts; else why not. */
    private Refused verifySignature(String lockId, SignedJWT jwt) {
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !KeyService.KEY_TYPE.equals(jwt.getHeader().getType())) {
            return new Refused("MALFORMED_KEY", "The key must be an ES256 JWS of type " + KeyService.KEY_TYPE);
        }
        JWK signer = sync.trustedKey(lockId, jwt.getHeader().getKeyID());
        if (!(signer instanceof ECKey ecSigner)) {
            return new Refused("UNKNOWN_SIGNING_KEY", "The key was signed by a key this lock does not trust (kid " + truncate(String.valueOf(jwt.getHeader().getKeyID()), 64) + ")");
        }
        try {
            if (!jwt.verify(new ECDSAVerifier(ecSigner))) {
                return new Refused("BAD_SIGNATURE", "The key's signature does not verify");
            }
        } catch (JOSEException e) {
            return new Refused("BAD_SIGNATURE", "The key's signature cannot be verified: " + e.getMessage());
        }
        return null;
    }

    private UnlockResult check(String lockId, JWTClaimsSet claims, Instant now) {
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
        LockSync.Memory memory = sync.memory(lockId);
        if (claims.getJWTID() != null && memory.revoked().contains(claims.getJWTID())) {
            return new Refused("REVOKED", "The key was revoked (this lock learnt it at its sync of " + memory.syncedAt() + ")");
        }
        return checkSchedule(lockId, claims, now);
    }

    /** A recurring key (claim {@code recurrence}) opens only inside one of its weekly spans, in this lock's own time zone. */
    private UnlockResult checkSchedule(String lockId, JWTClaimsSet claims, Instant now) {
        Object claim = claims.getClaim("recurrence");
        if (claim == null) {
            return new Unlocked(claims.getJWTID());
        }
        Recurrence recurrence = Recurrence.fromClaim(claim).orElse(null);
        if (recurrence == null) {
            return new Refused("MALFORMED_KEY", "The key's recurrence claim is not {timeSpans:[{weekday, startHour, startMinute, endHour, endMinute}]}");
        }
        java.time.ZoneId zone = projects.lock(lockId).zone();
        if (!recurrence.allows(now, zone)) {
            return new Refused("OUTSIDE_SCHEDULE", "The key opens only in its recurring time spans; it is now "
                    + now.atZone(zone).format(java.time.format.DateTimeFormatter.ofPattern("EEE HH:mm", java.util.Locale.ROOT)) + " in " + zone);
        }
        return new Unlocked(claims.getJWTID());
    }

    /** For a key with {@code cnf.jwk}: the proof must be signed by that key, name this lock, and carry an unused nonce of it. */
    private UnlockResult checkDevice(String lockId, JWTClaimsSet claims, String proof) {
        Object cnf = claims.getClaim("cnf");
        if (cnf == null) {
            return new Unlocked(claims.getJWTID());
        }
        ECKey deviceKey;
        try {
            JWK jwk = JWK.parse((Map<String, Object>) ((Map<?, ?>) cnf).get("jwk"));
            if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
                return new Refused("MALFORMED_KEY", "The key's cnf.jwk is not a P-256 key");
            }
            deviceKey = ec;
        } catch (ParseException | ClassCastException | NullPointerException e) {
            return new Refused("MALFORMED_KEY", "The key's cnf claim has no usable jwk");
        }
        if (proof == null || proof.isBlank()) {
            return new Refused("PROOF_REQUIRED", "This key is bound to a device: get a challenge from POST /api/sim/v1/locks/"
                    + lockId + "/challenge and send its nonce signed with the device key as proof");
        }
        SignedJWT signedProof;
        try {
            signedProof = SignedJWT.parse(proof.strip());
            if (!JWSAlgorithm.ES256.equals(signedProof.getHeader().getAlgorithm()) || !PROOF_TYPE.equals(signedProof.getHeader().getType())) {
                return new Refused("MALFORMED_PROOF", "The proof must be an ES256 JWS of type " + PROOF_TYPE);
            }
            if (!signedProof.verify(new ECDSAVerifier(deviceKey))) {
                return new Refused("DEVICE_KEY_MISMATCH", "The proof is not signed by the device key this key is bound to");
            }
            JWTClaimsSet proofClaims = signedProof.getJWTClaimsSet();
            if (proofClaims.getAudience() == null || !proofClaims.getAudience().contains(lockId)) {
                return new Refused("MALFORMED_PROOF", "The proof's aud must be this lock's id");
            }
            if (!challenges.consume(lockId, proofClaims.getStringClaim("nonce"))) {
                return new Refused("CHALLENGE_INVALID", "The proof's nonce is unknown to this lock, expired or already used; get a new challenge");
            }
        } catch (ParseException e) {
            return new Refused("MALFORMED_PROOF", "The proof is not a compact JWS with a nonce: " + e.getMessage());
        } catch (JOSEException e) {
            return new Refused("DEVICE_KEY_MISMATCH", "The proof's signature cannot be verified: " + e.getMessage());
        }
        return new Unlocked(claims.getJWTID());
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
        if (result instanceof Unlocked) {
            unlocked.fire(UnlocAccessEvent.of(event, projects.lock(lockId).name));
        }
        return result;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
