package dev.odksim.access;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.odksim.testing.Api.KARI;
import static dev.odksim.testing.Api.OLA;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole flow of docs/design.md §2 on the demo data, through the public APIs only. */
@QuarkusTest
class AccessFlowTest {

    private String lock;

    @BeforeEach
    void lockOfThisTest() {
        lock = Api.demoLockForKari();
    }

    @AfterEach
    void backToRealTime() {
        Api.travel(0);
    }

    @Test
    void grantedKeyVerifiesUnlocksIsReusedAndIsReplacedAfterExpiry() throws Exception {
        String kari = Api.login(KARI);
        int decisionsBefore = Api.decisions("demo").size();

        Response granted = Api.requestAccess(kari, lock);
        assertThat(granted.statusCode()).as(granted.asString()).isEqualTo(201);
        assertThat(granted.<String>path("source")).isEqualTo("on-demand");
        String keyId = granted.path("key.id");
        String token = granted.path("key.token");
        assertThat(granted.<String>path("key.state")).isEqualTo("active");
        assertThat(granted.<String>path("key.appUserId")).isEqualTo(KARI);
        assertThat(granted.<String>path("key.start")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        SignedJWT jwt = SignedJWT.parse(token);
        JWKSet jwks = JWKSet.parse(RestAssured.get("/.well-known/jwks.json").then().statusCode(200).extract().asString());
        ECKey signer = (ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(signer).as("the key's kid is in the JWKS").isNotNull();
        assertThat(signer.isPrivate()).isFalse();
        assertThat(jwt.verify(new ECDSAVerifier(signer))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(KARI);
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(lock);
        assertThat(jwt.getJWTClaimsSet().getJWTID()).isEqualTo(keyId);
        assertThat(jwt.getJWTClaimsSet().getStringClaim("decisionId")).isEqualTo(granted.path("decisionId"));

        Api.unlock(lock, token).then().statusCode(200);
        assertThat(Api.unlock(lock, token).<String>path("result")).isEqualTo("unlocked");

        Response again = Api.requestAccess(kari, lock);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.<String>path("source")).isEqualTo("existing");
        assertThat(again.<String>path("key.id")).isEqualTo(keyId);
        assertThat(Api.decisions("demo")).as("no second decision call").hasSize(decisionsBefore + 1);

        Api.travel(31 * 60);
        Response refused = Api.unlock(lock, token);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.<String>path("reason")).isEqualTo("EXPIRED");
        assertThat(Api.app(kari).get("/api/app/v1/keys/" + keyId).then().statusCode(200).extract().<String>path("state"))
                .isEqualTo("expired");

        Response renewed = Api.requestAccess(kari, lock);
        assertThat(renewed.statusCode()).as(renewed.asString()).isEqualTo(201);
        assertThat(renewed.<String>path("key.id")).isNotEqualTo(keyId);
        Api.unlock(lock, renewed.path("key.token")).then().statusCode(200);
    }

    @Test
    void workerWithoutTaskIsDeniedAndGetsNoKey() {
        String ola = Api.login(OLA);
        Response denied = Api.requestAccess(ola, "demo-server-room");
        Api.assertProblem(denied, 403);
        assertThat(denied.<String>path("reason")).isEqualTo("DENIED");
        assertThat(denied.<String>path("decisionId")).isNotBlank();
        List<Map<String, Object>> olasKeys = Api.admin().queryParam("appUserId", OLA).get("/api/admin/v1/projects/demo/keys")
                .then().statusCode(200).extract().path("keys");
        assertThat(olasKeys).isEmpty();
        assertThat(Api.app(ola).get("/api/app/v1/keys").then().statusCode(200).extract().<List<?>>path("keys")).isEmpty();
        Map<String, Object> decision = Api.decisions("demo").get(0);
        assertThat(decision).containsEntry("outcome", "DENIED").containsEntry("appUserId", OLA).containsEntry("httpStatus", 200);
    }

    @Test
    void workerIsDeniedALockOutsideTheLocationOfTheirTask() {
        String kari = Api.login(KARI);
        Response denied = Api.requestAccess(kari, "demo-server-room");
        Api.assertProblem(denied, 403);
        assertThat(denied.<String>path("reason")).isEqualTo("DENIED");
        Api.requestAccess(kari, lock).then().statusCode(201);
    }

    @Test
    void anotherUsersKeyIsNotFound() {
        String kari = Api.login(KARI);
        String keyId = Api.requestAccess(kari, lock).path("key.id");
        String ola = Api.login(OLA);
        Api.assertProblem(Api.app(ola).get("/api/app/v1/keys/" + keyId), 404);
    }

    @Test
    void keyForOneLockDoesNotOpenAnother() {
        String kari = Api.login(KARI);
        String token = Api.requestAccess(kari, lock).path("key.token");
        Response refused = Api.unlock("demo-server-room", token);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.<String>path("reason")).isEqualTo("WRONG_LOCK");
    }

    @Test
    void tamperedKeyIsRefused() {
        String kari = Api.login(KARI);
        String token = Api.requestAccess(kari, lock).path("key.token");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        Response refused = Api.unlock(lock, forged);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.<String>path("reason")).isIn("BAD_SIGNATURE", "MALFORMED_KEY");
        assertThat(Api.unlock(lock, "not-a-jws").<String>path("reason")).isEqualTo("MALFORMED_KEY");
    }
}
