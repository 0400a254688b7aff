package dev.odksim.tag;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.odksim.common.Ids;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.ProblemException;
import dev.odksim.common.SimClock;
import dev.odksim.signing.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;

/**
 * Scan proofs (docs/design.md §5): a verified sticker scan yields a short-lived ES256 JWT, signed with the platform's
 * key-signing key under its own {@code typ}, naming the tag and lock (and the user, when the scan was made with an
 * app session). The access service demands one when the project requires physical presence.
 */
@ApplicationScoped
public class ScanProofs {

    /** Distinct from the key type, so a proof can never be presented to a lock as a key (or the reverse). */
    public static final JOSEObjectType TYPE = new JOSEObjectType("odk-scan-proof+jwt");
    static final String AUDIENCE = "odk-sim:scan-proof";

    @Inject
    SigningKeys signingKeys;
    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;

    public record Issued(String token, Instant expiresAt) {
    }

    /** @param appUserId the scanning app user when known (binds the proof to them), else null */
    public Issued issue(Tag tag, Long counter, String appUserId) {
        Instant now = clock.now();
        Instant expires = now.plus(config.stickers().scanProofTtl());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(config.keys().issuer())
                .audience(AUDIENCE)
                .jwtID(Ids.uuid())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .claim("tag", tag.id)
                .claim("lock", tag.lockId)
                .claim("project", tag.projectId)
                .claim("mode", tag.mode);
        if (counter != null) {
            claims.claim("ctr", counter);
        }
        if (appUserId != null) {
            claims.subject(appUserId);
        }
        return new Issued(signingKeys.sign(TYPE, claims.build()), Instant.ofEpochSecond(expires.getEpochSecond()));
    }

    /**
     * Passes only a valid, unexpired proof for this lock (and this user, if the proof is bound to one); any other case
     * is a 403 whose {@code reason} says which rule failed.
     */
    public void require(String proof, String lockId, String appUserId) {
        if (proof == null || proof.isBlank()) {
            throw refused("SCAN_PROOF_REQUIRED", "This project requires a scan proof: scan the lock's sticker and send the"
                    + " scanProof from the scan answer with the access request");
        }
        JWTClaimsSet claims = verifiedClaims(proof.strip());
        if (!lockId.equals(claimOf(claims, "lock"))) {
            throw refused("SCAN_PROOF_WRONG_LOCK", "The scan proof is for another lock: scan this lock's sticker");
        }
        if (claims.getSubject() != null && !claims.getSubject().equals(appUserId)) {
            throw refused("SCAN_PROOF_WRONG_USER", "The scan proof was made for another app user: scan the sticker yourself");
        }
        if (!clock.now().isBefore(claims.getExpirationTime().toInstant())) {
            throw refused("SCAN_PROOF_EXPIRED", "The scan proof has expired (it lasts " + config.stickers().scanProofTtl().toSeconds()
                    + " s): scan the sticker again");
        }
    }

    private JWTClaimsSet verifiedClaims(String proof) {
        try {
            SignedJWT jwt = SignedJWT.parse(proof);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !TYPE.equals(jwt.getHeader().getType())) {
                throw invalid("it is not an ES256 JWT of type " + TYPE);
            }
            JWK key = jwt.getHeader().getKeyID() == null ? null : signingKeys.publicJwks().getKeyByKeyId(jwt.getHeader().getKeyID());
            if (!(key instanceof ECKey ecKey) || !jwt.verify(new ECDSAVerifier(ecKey))) {
                throw invalid("its signature does not verify with the platform's keys");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!config.keys().issuer().equals(claims.getIssuer()) || claims.getAudience() == null
                    || !claims.getAudience().contains(AUDIENCE) || claims.getExpirationTime() == null) {
                throw invalid("its issuer, audience or expiry is not that of a scan proof");
            }
            return claims;
        } catch (ParseException | JOSEException e) {
            throw invalid("it is not a compact JWS");
        }
    }

    private static String claimOf(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }

    private static ProblemException invalid(String why) {
        return refused("SCAN_PROOF_INVALID", "The scan proof is not valid: " + why);
    }

    private static ProblemException refused(String reason, String detail) {
        return new ProblemException(403, "Scan proof required", detail, null, reason);
    }
}
