package dev.odksim.common;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;

import java.text.ParseException;

/**
 * Device public keys (docs/design.md §7.3): a P-256 public JWK that an app registers at login and that its keys carry as
 * RFC 7800 {@code cnf.jwk}. Identified by their RFC 7638 thumbprint.
 */
public final class DeviceKeys {

    private DeviceKeys() {
    }

    private static final String P256_RULE = "must be a public EC P-256 JWK (kty EC, crv P-256, x, y) without the private part d";

    /** Checks a device key from a request; its canonical public JSON form, or a 400 naming {@code field}. Null stays null. */
    public static String require(String field, JsonWebKey jwk) {
        if (jwk == null) {
            return null;
        }
        if (jwk.d() != null || !"EC".equals(jwk.kty()) || !Curve.P_256.getName().equals(jwk.crv())) {
            throw ProblemException.badRequest(field, P256_RULE);
        }
        try {
            JWK parsed = JWK.parse(jwk.members());
            if (!(parsed instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || parsed.isPrivate()) {
                throw ProblemException.badRequest(field, P256_RULE);
            }
            return parsed.toPublicJWK().toJSONString();
        } catch (ParseException | IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "is not a valid JWK: " + e.getMessage());
        }
    }

    /** The stored (already validated) key. */
    public static ECKey parse(String json) {
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("Stored device key is not a JWK", e);
        }
    }

    /** RFC 7638 SHA-256 thumbprint (base64url) of a stored key; null for null. */
    public static String thumbprint(String json) {
        if (json == null) {
            return null;
        }
        try {
            return parse(json).computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot compute a JWK thumbprint", e);
        }
    }
}
