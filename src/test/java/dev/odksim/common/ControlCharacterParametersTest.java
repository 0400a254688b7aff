package dev.odksim.common;

import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A control character (a NUL byte above all) in a path or query parameter is a 400 naming the parameter, on every
 * database: PostgreSQL refuses NUL in text, so without this check it reached a query there and answered 500. Also in the
 * PostgreSQL test set (pom.xml).
 */
@QuarkusTest
class ControlCharacterParametersTest {

    private static Response get(String path) {
        return Api.admin().urlEncodingEnabled(false).header("X-Api-Key", "demo-integrator-key").get(path);
    }

    private static void assertRefused(Response response, String parameter) {
        Api.assertProblem(response, 400);
        assertThat(response.<String>path("invalidParams[0].name")).as(response.asString()).isEqualTo(parameter);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%00", "%0A", "%09", "%1F", "%7F", "%0d"})
    void theReferenceIntegratorRefusesAControlCharacterInAQueryParameter(String control) {
        assertRefused(get("/integrator/check-access?appUserId=%2B4712345678&lockId=demo-front-door" + control), "lockId");
        assertRefused(get("/integrator/check-access?lockId=demo-front-door&appUserId=%2B47123" + control + "45678"), "appUserId");
    }

    @Test
    void adminAndSimulatorQueriesAndPathsRefuseNul() {
        assertRefused(get("/api/sim/v1/sms?to=%2B4712345678%00"), "to");
        assertRefused(get("/api/admin/v1/projects/demo/decisions?limit=5%00"), "limit");
        assertRefused(get("/api/admin/v1/projects/de%00mo"), "projectId");
        assertRefused(get("/api/admin/v1/projects/demo/keys/k%00"), "keyId");
        assertRefused(get("/t/demo-front%00"), "tagId");
    }

    @Test
    void printableEscapesAreNotControlCharacters() {
        get("/integrator/check-access?lockId=demo-front-door&appUserId=%2B4712345678").then().statusCode(200);
        get("/api/sim/v1/sms?to=%2B4712345678&limit=%31").then().statusCode(200);
        // %2500 is the text "%00", not a NUL: no control character, so the endpoint answers as it always did.
        assertThat(get("/api/sim/v1/sms?to=%2500").statusCode()).isNotEqualTo(500);
    }

    @Test
    void aNulInAJsonBodyFieldIsA400NamingTheField() {
        String lock = Api.uniqueId("nul");
        assertRefused(Api.admin().body("{\"id\":\"" + lock + "\",\"name\":\"Door\\u0000one\"}")
                .post("/api/admin/v1/projects/demo/locks"), "name");
        assertRefused(Api.admin().body("{\"keys\":[{\"lockId\":\"demo-front-door\",\"appUserId\":\"+47123\\u000045678\"}]}")
                .post("/api/admin/v1/projects/demo/keys"), "keys[0].appUserId");
        assertRefused(RestAssured.given().contentType("application/json").body("{\"appUserId\":\"\\u0000\"}")
                .post("/api/app/v1/auth/otp"), "appUserId");
        // Nothing was stored; the same lock without the NUL is created as usual.
        Api.admin().body("{\"id\":\"" + lock + "\",\"name\":\"Door one\"}").post("/api/admin/v1/projects/demo/locks")
                .then().statusCode(201);
    }

    @Test
    void anUnauthenticatedCallerStillGets401First() {
        Api.assertProblem(RestAssured.given().urlEncodingEnabled(false).get("/api/admin/v1/projects/de%00mo"), 401);
    }
}
