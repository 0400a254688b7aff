package dev.odksim.testing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** An organisation's identity provider as a test plays it: its own RSA key, and JWTs naming a worker's phone. */
public final class IdentityProviderStub {

    public final String issuer = "https://idp.example.test/" + Api.uniqueId("realm");
    public final String audience = "odk-sim-" + Api.uniqueId("app");
    public final RSAKey key;

    public IdentityProviderStub() {
        this.key = rsa("idp-key-1");
    }

    public static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, Object> publicJwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject(true);
    }

    /** Configures this provider (inline JWKS, phone in {@code phone_number}) on a project. */
    public void trustedBy(String project) {
        Api.admin().body(Map.of("issuer", issuer, "audience", audience, "jwks", publicJwks()))
                .put("/api/admin/v1/projects/" + project + "/identity-provider").then().statusCode(200);
    }

    /** A valid token for {@code phone}; {@code edit} changes claims for the failure cases. */
    public String token(String phone, Consumer<JWTClaimsSet.Builder> edit) {
        return sign(key, phone, edit);
    }

    public String token(String phone) {
        return token(phone, b -> { });
    }

    public String sign(RSAKey signer, String phone, Consumer<JWTClaimsSet.Builder> edit) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).audience(List.of(audience)).subject("worker-" + phone)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).claim("phone_number", phone);
        edit.accept(claims);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(), claims.build());
            jwt.sign(new RSASSASigner(signer));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** POST /api/app/v1/auth/token-exchange with the given body fields. */
    public static io.restassured.response.Response exchange(Map<String, Object> body) {
        return RestAssured.given().contentType(ContentType.JSON).body(body).post("/api/app/v1/auth/token-exchange");
    }
}
