package dev.odksim.unloc;

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
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The {@code /v2} access tokens: ES256 JWTs signed with the platform's key-signing key (so they verify against the public
 * JWKS and survive restarts and rotation like keys do), told apart from keys by their JOSE {@code typ}. A token names its
 * project and API client; it expires on the simulator clock, and dies with its client.
 */
@ApplicationScoped
public class UnlocTokens {

    /** The JOSE {@code typ} of a {@code /v2} access token: never accepted as a key, and a key is never accepted as one. */
    public static final JOSEObjectType TOKEN_TYPE = new JOSEObjectType("unloc-access+jwt");
    public static final String SCOPE = "project.admin";
    static final Duration LIFETIME = Duration.ofHours(1);
    private static final String AUDIENCE = "odk-sim/v2";

    @Inject
    SigningKeys signingKeys;
    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;

    /** A token that passed every check. */
    public record Verified(String clientId, String projectId, Instant expires) {
    }

    String issue(ApiClient client) {
        Instant now = clock.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(config.keys().issuer()).audience(AUDIENCE)
                .subject(client.clientId).jwtID(Ids.uuid()).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("project", client.projectId).claim("scope", List.of(SCOPE)).build();
        return signingKeys.sign(TOKEN_TYPE, claims);
    }

    /** The token's claims if it is ours, intact, unexpired on the simulator clock and its client still exists; else 401. */
    public Verified verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !TOKEN_TYPE.equals(jwt.getHeader().getType())) {
                throw invalid("it is not a /v2 access token");
            }
            JWK key = signingKeys.publicJwks().getKeyByKeyId(jwt.getHeader().getKeyID());
            if (!(key instanceof ECKey ec) || !jwt.verify(new ECDSAVerifier(ec))) {
                throw invalid("its signature does not verify");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!config.keys().issuer().equals(claims.getIssuer()) || claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)) {
                throw invalid("it was not issued for this API");
            }
            Instant expires = claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant();
            if (expires == null || !clock.now().isBefore(expires)) {
                throw ProblemException.unauthorized("The access token expired; get a new one from POST /v2/auth/token/");
            }
            String projectId = claims.getStringClaim("project");
            ApiClient client = ApiClient.findById(claims.getSubject());
            if (client == null || !client.projectId.equals(projectId)) {
                throw invalid("its API client was deleted");
            }
            return new Verified(client.clientId, projectId, expires);
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            throw invalid("it is not a well-formed JWT");
        }
    }

    private static ProblemException invalid(String why) {
        return ProblemException.unauthorized("The access token is not valid: " + why + "; get one from POST /v2/auth/token/");
    }
}
