package dev.odksim.appauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.PhoneNumbers;
import dev.odksim.common.ProblemException;
import dev.odksim.common.SimClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a JWT from a project's identity provider for a shift login (token exchange), with nimbus-jose-jwt: the
 * signature against the provider's JWKS (inline, or by URL, cached), then time ({@code exp} required, {@code nbf}) on
 * the simulator clock, issuer, audience, and the phone-number claim, each check with its own reason code.
 */
@ApplicationScoped
public class IdentityProviderService {

    /** Asymmetric algorithms only: a shared-secret (HS*) token would let anyone holding the secret log in as anyone. */
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
            JWSAlgorithm.EdDSA);

    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;

    private final Map<String, JWKSource<SecurityContext>> remoteSources = new ConcurrentHashMap<>();

    /** Who the token says the user is. */
    public record Verified(String projectId, String appUserId) {
    }

    /**
     * @param projectId the project whose provider to trust; when null, the one project whose provider has the token's
     *                  (unverified) {@code iss} is used
     */
    public Verified verify(String projectId, String subjectToken) {
        SignedJWT jwt;
        JWTClaimsSet unverified;
        try {
            jwt = SignedJWT.parse(subjectToken);
            unverified = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw refused("IDP_TOKEN_MALFORMED", "subjectToken is not a signed JWT (compact JWS): " + e.getMessage());
        }
        IdentityProvider idp = provider(projectId, unverified.getIssuer());
        JWTClaimsSet claims = verifySignatureAndTime(idp, jwt);
        check(new SimClockVerifier(null, new JWTClaimsSet.Builder().issuer(idp.issuer).build(), Set.of("iss")), claims,
                "IDP_TOKEN_WRONG_ISSUER", "The token's issuer '" + claims.getIssuer() + "' is not the project's identity provider ('" + idp.issuer + "')");
        check(new SimClockVerifier(Set.of(idp.audience), null, Set.of("aud")), claims,
                "IDP_TOKEN_WRONG_AUDIENCE", "The token's audience " + claims.getAudience() + " does not include '" + idp.audience + "'");
        check(new SimClockVerifier(null, null, Set.of(idp.phoneClaim)), claims,
                "IDP_TOKEN_NO_PHONE_CLAIM", "The token has no '" + idp.phoneClaim + "' claim (the project's phone-number claim)");
        Object phone = claims.getClaim(idp.phoneClaim);
        String appUserId = phone instanceof String s ? PhoneNumbers.normalise(s).orElse(null) : null;
        if (appUserId == null) {
            throw refused("IDP_TOKEN_BAD_PHONE", "The token's '" + idp.phoneClaim + "' claim is not an E.164 phone number");
        }
        return new Verified(idp.projectId, appUserId);
    }

    private IdentityProvider provider(String projectId, String issuer) {
        if (projectId != null) {
            IdentityProvider idp = IdentityProvider.findById(projectId);
            if (idp == null) {
                throw new ProblemException(404, "No identity provider", "Project '" + projectId
                        + "' has no identity provider configured for shift logins", null, "IDP_NOT_CONFIGURED");
            }
            return idp;
        }
        List<IdentityProvider> candidates = issuer == null ? List.of() : IdentityProvider.list("issuer", issuer);
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw refused("IDP_TOKEN_WRONG_ISSUER", "No project trusts the token's issuer '" + issuer + "'");
        }
        throw ProblemException.badRequest("projectId", "is required: several projects trust issuer '" + issuer + "'");
    }

    private JWTClaimsSet verifySignatureAndTime(IdentityProvider idp, SignedJWT jwt) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, source(idp)));
        processor.setJWTClaimsSetVerifier(new SimClockVerifier(null, null, Set.of("exp")));
        try {
            return processor.process(jwt, null);
        } catch (ExpiredJWTException e) {
            throw refused("IDP_TOKEN_EXPIRED", "The identity provider's token has expired");
        } catch (BadJWTException e) {
            throw refused("IDP_TOKEN_NOT_VALID_NOW", "The token is not valid now (" + e.getMessage() + ")");
        } catch (BadJWSException e) {
            throw refused("IDP_TOKEN_BAD_SIGNATURE", "The token's signature does not verify with the identity provider's keys");
        } catch (BadJOSEException e) {
            throw refused("IDP_TOKEN_UNKNOWN_KEY", "The token is not signed by a key of the identity provider's JWKS, or with an "
                    + "algorithm other than RS/PS/ES/EdDSA (" + e.getMessage() + ")");
        } catch (JOSEException e) {
            throw new ProblemException(503, "Identity provider unavailable", "The identity provider's JWKS could not be fetched: "
                    + e.getMessage(), null, "IDP_UNAVAILABLE");
        }
    }

    private JWKSource<SecurityContext> source(IdentityProvider idp) {
        if (idp.jwksJson != null) {
            try {
                return new ImmutableJWKSet<>(JWKSet.parse(idp.jwksJson));
            } catch (ParseException e) {
                throw new IllegalStateException("Stored JWKS of project " + idp.projectId + " is not a JWKS", e);
            }
        }
        return remoteSources.computeIfAbsent(idp.jwksUrl, url -> {
            int timeout = config.idp().jwksTimeoutMs();
            try {
                return JWKSourceBuilder.create(URI.create(url).toURL(), new DefaultResourceRetriever(timeout, timeout, 256 * 1024))
                        .retrying(false).build();
            } catch (MalformedURLException e) {
                throw new IllegalStateException("Stored JWKS URL of project " + idp.projectId + " is not a URL", e);
            }
        });
    }

    /** Forgets the cached JWKS of a URL (the configuration changed). */
    void forget(String jwksUrl) {
        if (jwksUrl != null) {
            remoteSources.remove(jwksUrl);
        }
    }

    private static void check(DefaultJWTClaimsVerifier<SecurityContext> verifier, JWTClaimsSet claims, String reason, String detail) {
        try {
            verifier.verify(claims, null);
        } catch (BadJWTException e) {
            throw refused(reason, detail);
        }
    }

    private static ProblemException refused(String reason, String detail) {
        return new ProblemException(401, "Token exchange refused", detail, null, reason);
    }

    /** nimbus's claims verifier on the simulator clock, so time travel applies to identity-provider tokens too. */
    private final class SimClockVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

        SimClockVerifier(Set<String> audience, JWTClaimsSet exactMatch, Set<String> required) {
            super(audience, exactMatch, required, null);
            setMaxClockSkew(config.idp().clockSkewSeconds());
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.now());
        }
    }
}
