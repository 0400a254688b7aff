package dev.odksim.appauth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.odksim.common.HttpUrls;
import dev.odksim.common.JsonWebKey;
import dev.odksim.common.Problem.InvalidParam;
import dev.odksim.common.ProblemException;
import dev.odksim.common.SimClock;
import dev.odksim.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

/** Admin of a project's identity provider for shift logins: validated as a whole, public keys only. */
@ApplicationScoped
public class IdentityProviderSettings {

    public static final String DEFAULT_PHONE_CLAIM = "phone_number";

    @Inject
    ProjectService projects;
    @Inject
    IdentityProviderService verifier;
    @Inject
    SimClock clock;

    /** The settings as sent and shown: the JWKS either inline ({@code jwks}) or by {@code jwksUrl}. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "IdentityProviderSettings")
    public record View(String issuer, String audience, String phoneClaim, JsonWebKey.Set jwks, String jwksUrl) {
    }

    public View get(String projectId) {
        projects.project(projectId);
        IdentityProvider idp = IdentityProvider.findById(projectId);
        if (idp == null) {
            throw new ProblemException(404, "No identity provider", "Project '" + projectId + "' has no identity provider configured",
                    null, "IDP_NOT_CONFIGURED");
        }
        return view(idp);
    }

    @Transactional
    public View put(String projectId, View update) {
        projects.project(projectId);
        if (update == null) {
            throw ProblemException.badRequest("issuer", "is required");
        }
        List<InvalidParam> invalid = new ArrayList<>();
        String issuer = text(update.issuer(), "issuer", 512, invalid);
        String audience = text(update.audience(), "audience", 512, invalid);
        String phoneClaim = update.phoneClaim() == null ? DEFAULT_PHONE_CLAIM : text(update.phoneClaim(), "phoneClaim", 128, invalid);
        String jwksJson = null;
        String jwksUrl = null;
        if ((update.jwks() == null) == (update.jwksUrl() == null)) {
            invalid.add(new InvalidParam("jwks", "give exactly one of jwks (the JWKS inline) and jwksUrl"));
        } else if (update.jwks() != null) {
            jwksJson = publicJwks(update.jwks(), invalid);
        } else {
            jwksUrl = update.jwksUrl().strip();
            if (!HttpUrls.isHttpUrl(jwksUrl, true)) {
                invalid.add(new InvalidParam("jwksUrl", "must be an absolute http or https URL"));
            }
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }
        IdentityProvider idp = IdentityProvider.findById(projectId);
        boolean created = idp == null;
        if (created) {
            idp = new IdentityProvider();
            idp.projectId = projectId;
        }
        verifier.forget(idp.jwksUrl);
        idp.issuer = issuer;
        idp.audience = audience;
        idp.phoneClaim = phoneClaim;
        idp.jwksJson = jwksJson;
        idp.jwksUrl = jwksUrl;
        idp.updatedAt = clock.now();
        if (created) {
            idp.persist();
        }
        return view(idp);
    }

    private static String publicJwks(JsonWebKey.Set jwks, List<InvalidParam> invalid) {
        try {
            JWKSet set = JWKSet.parse(jwks.members());
            if (set.getKeys().isEmpty()) {
                invalid.add(new InvalidParam("jwks", "has no keys"));
            } else if (set.getKeys().stream().anyMatch(JWK::isPrivate)) {
                invalid.add(new InvalidParam("jwks", "must hold public keys only (a private key was sent: replace it, it is no longer secret)"));
            } else if (set.toString().length() > 16000) {
                invalid.add(new InvalidParam("jwks", "is too large (16000 characters at most)"));
            } else {
                return set.toString();
            }
        } catch (ParseException e) {
            invalid.add(new InvalidParam("jwks", "is not a JWKS ({\"keys\":[...]}): " + e.getMessage()));
        }
        return null;
    }

    private static String text(String value, String field, int max, List<InvalidParam> invalid) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            invalid.add(new InvalidParam(field, "is required (1-" + max + " characters)"));
            return null;
        }
        return value.strip();
    }

    private static View view(IdentityProvider idp) {
        JsonWebKey.Set jwks = null;
        if (idp.jwksJson != null) {
            try {
                jwks = JsonWebKey.Set.of(JWKSet.parse(idp.jwksJson).toJSONObject(true));
            } catch (ParseException e) {
                throw new IllegalStateException("Stored JWKS of project " + idp.projectId + " is not a JWKS", e);
            }
        }
        return new View(idp.issuer, idp.audience, idp.phoneClaim, jwks, idp.jwksUrl);
    }
}
