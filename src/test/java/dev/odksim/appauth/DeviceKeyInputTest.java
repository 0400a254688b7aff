package dev.odksim.appauth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login's {@code devicePublicKey} is a typed JWK record (issue 15): a public P-256 key is taken, with WebCrypto's
 * extra members ignored; anything else is a 400 naming the field, and the code stays usable (nothing is used up).
 */
@QuarkusTest
class DeviceKeyInputTest {

    @Test
    void onlyAPublicP256JwkIsTakenAndEveryOtherKeyIsA400NamingTheField() throws Exception {
        String number = "+474" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("appUserId", number))
                .post("/api/app/v1/auth/otp").then().statusCode(202);
        String code = Api.latestCode(number);

        Map<String, Object> privateKey = new ECKeyGenerator(Curve.P_256).generate().toJSONObject();
        Map<String, Object> rsa = new RSAKeyGenerator(2048).generate().toPublicJWK().toJSONObject();
        Map<String, Object> p384 = new ECKeyGenerator(Curve.P_384).generate().toPublicJWK().toJSONObject();
        Map<String, Object> noY = new HashMap<>(new ECKeyGenerator(Curve.P_256).generate().toPublicJWK().toJSONObject());
        noY.remove("y");
        for (Object bad : List.of(privateKey, rsa, p384, noY, "not a key", List.of(1, 2))) {
            String name = RestAssured.given().contentType(ContentType.JSON)
                    .body(Map.of("appUserId", number, "code", code, "deviceId", "dev-1", "devicePublicKey", bad))
                    .post("/api/app/v1/auth/token").then().statusCode(400).contentType("application/problem+json")
                    .extract().path("invalidParams[0].name");
            assertThat(name).as(String.valueOf(bad)).startsWith("devicePublicKey");
        }

        Map<String, Object> webCrypto = new HashMap<>(new ECKeyGenerator(Curve.P_256).generate().toPublicJWK().toJSONObject());
        webCrypto.put("ext", true);
        webCrypto.put("key_ops", List.of("verify"));
        String token = RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("appUserId", number, "code", code, "deviceId", "dev-1", "devicePublicKey", webCrypto))
                .post("/api/app/v1/auth/token").then().statusCode(200).extract().path("accessToken");
        assertThat(token).isNotBlank();
    }
}
