package dev.odksim.key;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/design.md §7.2 rotation: new keys use the new kid, keys signed before keep verifying until they expire. */
@QuarkusTest
class SigningKeyRotationTest {

    @AfterEach
    void backToRealTime() {
        Api.travel(0);
    }

    private static String kidOf(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private static List<String> publishedKids() throws Exception {
        return JWKSet.parse(RestAssured.get("/.well-known/jwks.json").then().statusCode(200).extract().asString())
                .getKeys().stream().map(k -> k.getKeyID()).toList();
    }

    @Test
    void rotationKeepsOldKeysValidAndSignsNewKeysWithTheNewKid() throws Exception {
        String lock = Api.newLock("demo");
        String before = (String) KeyLifecycleTest.assign("demo", KeyLifecycleTest.entry(lock, Api.KARI, null, null)).get("token");
        assertThat(Api.unlock(lock, before).statusCode()).as("the lock now holds the old JWKS").isEqualTo(200);
        String oldKid = kidOf(before);

        Response rotated = Api.admin().post("/api/admin/v1/signing-keys/rotate");
        assertThat(rotated.statusCode()).isEqualTo(201);
        String newKid = rotated.path("kid");
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(publishedKids()).contains(oldKid, newKid);
        List<Map<String, Object>> info = Api.admin().get("/api/admin/v1/signing-keys").then().statusCode(200).extract().path("signingKeys");
        Map<String, Object> old = info.stream().filter(k -> oldKid.equals(k.get("kid"))).findFirst().orElseThrow();
        assertThat(old.get("current")).isEqualTo(false);
        assertThat(old.get("retiredAt")).isNotNull();
        assertThat(old.get("published")).isEqualTo(true);
        assertThat(info.stream().filter(k -> newKid.equals(k.get("kid"))).findFirst().orElseThrow().get("current")).isEqualTo(true);

        String after = (String) KeyLifecycleTest.assign("demo", KeyLifecycleTest.entry(lock, Api.OLA, null, null)).get("token");
        assertThat(kidOf(after)).isEqualTo(newKid);
        assertThat(Api.unlock(lock, after).statusCode()).as("the lock fetches the JWKS for the unknown kid").isEqualTo(200);
        assertThat(Api.unlock(lock, before).statusCode()).as("the key signed before the rotation").isEqualTo(200);
        String freshLock = Api.newLock("demo");
        String newAtFreshLock = (String) KeyLifecycleTest.assign("demo", KeyLifecycleTest.entry(freshLock, Api.KARI, null, null)).get("token");
        assertThat(kidOf(newAtFreshLock)).isEqualTo(newKid);

        // Once every key the old signing key signed has expired (and the grace period is over), it leaves the JWKS.
        // Other tests in this application may have signed longer keys with it, so read how long it stays published.
        java.time.Instant verifyUntil = java.time.Instant.parse((String) old.get("verifyUntil"));
        java.time.Instant beforeEnd = SignedJWT.parse(before).getJWTClaimsSet().getExpirationTime().toInstant();
        assertThat(verifyUntil).isAfterOrEqualTo(beforeEnd).isAfterOrEqualTo(java.time.Instant.now().plusSeconds(24 * 3600 - 60));
        Api.travel(java.time.Duration.between(java.time.Instant.now(), verifyUntil).getSeconds() + 3600);
        assertThat(publishedKids()).contains(newKid).doesNotContain(oldKid);
        RestAssured.given().post("/api/sim/v1/locks/" + lock + "/sync").then().statusCode(200);
        assertThat(Api.unlock(lock, before).<String>path("reason")).isIn("EXPIRED", "UNKNOWN_SIGNING_KEY");
        Api.assertProblem(RestAssured.given().post("/api/admin/v1/signing-keys/rotate"), 401);
    }
}
