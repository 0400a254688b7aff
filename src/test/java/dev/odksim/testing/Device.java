package dev.odksim.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.HashMap;
import java.util.Map;

/** A phone's device key pair as an app would hold it: registers its public half at login, answers lock challenges. */
public final class Device {

    public final ECKey key;

    private Device(ECKey key) {
        this.key = key;
    }

    public static Device fresh() {
        try {
            return new Device(new ECKeyGenerator(Curve.P_256).generate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, Object> publicJwk() {
        return key.toPublicJWK().toJSONObject();
    }

    /** Extra token-request fields registering this key for {@code deviceId}. */
    public Map<String, Object> loginFields(String deviceId) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("deviceId", deviceId);
        fields.put("devicePublicKey", publicJwk());
        return fields;
    }

    public static String challenge(String lockId) {
        return RestAssured.given().post("/api/sim/v1/locks/" + lockId + "/challenge").then().statusCode(200).extract().path("nonce");
    }

    /** The answer to a challenge: {@code {nonce, aud: lockId}} signed with this device key. */
    public String proof(String lockId, String nonce) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("odk-unlock-proof+jwt")).build(),
                    new JWTClaimsSet.Builder().audience(lockId).claim("nonce", nonce).build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Challenge, sign, unlock: what the app does at the door. */
    public Response unlock(String lockId, String keyToken) {
        return unlockWithProof(lockId, keyToken, proof(lockId, challenge(lockId)));
    }

    public static Response unlockWithProof(String lockId, String keyToken, String proof) {
        return RestAssured.given().contentType(ContentType.JSON).body(Map.of("key", keyToken, "proof", proof))
                .post("/api/sim/v1/locks/" + lockId + "/unlock");
    }
}
