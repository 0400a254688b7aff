package dev.odksim.common;

import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.odksim.testing.Api.KARI;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input anywhere ends in a 4xx problem+json that names what is wrong, never a 500. */
@QuarkusTest
class BadInputTest {

    @Test
    void invalidPhoneNumberNamesTheField() {
        for (String bad : new String[]{"12345678", "+47", "+999123456789", "hello", "+47 1234 5678 9999 9999"}) {
            Response response = RestAssured.given().contentType(ContentType.JSON).body(Map.of("appUserId", bad)).post("/api/app/v1/auth/otp");
            Api.assertProblem(response, 400);
            assertThat(response.<String>path("invalidParams[0].name")).as(bad).isEqualTo("appUserId");
        }
    }

    @Test
    void phoneNumbersAreNormalisedToE164() {
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("appUserId", "+47 123 45 678")).post("/api/app/v1/auth/otp")
                .then().statusCode(202);
        assertThat(Api.latestCode(KARI)).matches("\\d{6}");
    }

    @Test
    void malformedJsonIsA400Problem() {
        Response response = RestAssured.given().contentType(ContentType.JSON).body("{\"appUserId\": ").post("/api/app/v1/auth/otp");
        Api.assertProblem(response, 400);
        Api.assertProblem(Api.admin().body("[1,2").post("/api/admin/v1/projects"), 400);
    }

    @Test
    void unknownLockIs404() {
        String app = Api.login(KARI);
        Api.assertProblem(Api.requestAccess(app, "no-such-lock"), 404);
        Api.assertProblem(Api.unlock("no-such-lock", "x.y.z"), 404);
    }

    @Test
    void unknownTagIs404InJsonAndHtml() {
        Response json = RestAssured.given().accept(ContentType.JSON).get("/t/no-such-tag");
        Api.assertProblem(json, 404);
        assertThat(json.<String>path("reason")).isEqualTo("UNKNOWN_TAG");
        Response html = RestAssured.given().accept("text/html").get("/t/no-such-tag");
        assertThat(html.statusCode()).isEqualTo(404);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.asString()).contains("Unknown sticker");
        Api.assertProblem(RestAssured.given().accept(ContentType.JSON).get("/t/" + "x".repeat(300)), 404);
    }

    @Test
    void tagResolvesToItsLockForTheApp() {
        RestAssured.given().accept(ContentType.JSON).get("/t/demo-server").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("lockId", org.hamcrest.Matchers.equalTo("demo-server-room"))
                .body("lockName", org.hamcrest.Matchers.equalTo("Server room"))
                .body("projectId", org.hamcrest.Matchers.equalTo("demo"))
                .body("accessUrl", org.hamcrest.Matchers.endsWith("/api/app/v1/locks/demo-server-room/access"));
    }

    @Test
    void adminApiNeedsTheAdminToken() {
        Api.assertProblem(RestAssured.get("/api/admin/v1/projects"), 401);
        Api.assertProblem(RestAssured.given().header("Authorization", "Bearer wrong").get("/api/sim/v1/sms"), 401);
    }

    @Test
    void appApiNeedsALogin() {
        Api.assertProblem(RestAssured.get("/api/app/v1/keys"), 401);
        Api.assertProblem(Api.app("made-up-token").body("{}").post("/api/app/v1/locks/demo-storage/access"), 401);
    }

    @Test
    void onDemandConfigIsValidatedAsAWholeAndSecretsAreMasked() {
        String project = Api.projectCalling("http://localhost:1/check", Map.of());
        Response bad = Api.admin().body(Map.of("url", "ftp://x", "timeoutMs", 0, "auth", Map.of("type", "header", "headerName", "Bad Header")))
                .put("/api/admin/v1/projects/" + project + "/on-demand");
        Api.assertProblem(bad, 400);
        assertThat(bad.<java.util.List<String>>path("invalidParams.name")).contains("url", "timeoutMs", "auth.headerName");
        Response stored = Api.admin().get("/api/admin/v1/projects/" + project + "/on-demand");
        assertThat(stored.<String>path("url")).isEqualTo("http://localhost:1/check");
        assertThat(stored.<String>path("auth.headerValue")).isEqualTo("****1234");
        assertThat(stored.asString()).doesNotContain("integrator-secret");
    }

    @Test
    void adminListsShowWhatWasCreated() {
        String project = Api.projectCalling("http://localhost:1/check", Map.of());
        String lock = Api.newLock(project);
        Api.admin().body(Map.of("lockId", lock, "tagId", "t-" + lock)).post("/api/admin/v1/projects/" + project + "/tags")
                .then().statusCode(201).body("url", org.hamcrest.Matchers.endsWith("/t/t-" + lock));
        assertThat(Api.admin().get("/api/admin/v1/projects/" + project + "/locks").then().statusCode(200)
                .extract().<java.util.List<String>>path("id")).containsExactly(lock);
        assertThat(Api.admin().get("/api/admin/v1/projects/" + project + "/tags").then().statusCode(200)
                .extract().<java.util.List<String>>path("tagId")).containsExactly("t-" + lock);
        assertThat(Api.admin().get("/api/admin/v1/projects").then().statusCode(200)
                .extract().<java.util.List<String>>path("id")).contains("demo", project);
        Api.assertProblem(Api.admin().get("/api/admin/v1/projects/nope/locks"), 404);
    }

    @Test
    void duplicateIdsConflict() {
        String project = Api.projectCalling("http://localhost:1/check", Map.of());
        String lock = Api.newLock(project);
        Api.assertProblem(Api.admin().body(Map.of("id", lock, "name", "again")).post("/api/admin/v1/projects/" + project + "/locks"), 409);
        Api.assertProblem(Api.admin().body(Map.of("id", "bad id/with slash", "name", "x")).post("/api/admin/v1/projects"), 400);
    }

    @Test
    void overlongIdsAndNamesAre400sNot500s() {
        String project = Api.projectCalling("http://localhost:1/check", Map.of());
        String lock = Api.newLock(project);
        Response tag = Api.admin().body(Map.of("lockId", lock, "tagId", "t" + "x".repeat(70)))
                .post("/api/admin/v1/projects/" + project + "/tags");
        Api.assertProblem(tag, 400);
        assertThat(tag.<String>path("invalidParams[0].name")).isEqualTo("tagId");

        Response worker = Api.admin().body(Map.of("id", "w" + "x".repeat(70), "name", "N", "phone", "+4790000001"))
                .post("/integrator/admin/workers");
        Api.assertProblem(worker, 400);
        assertThat(worker.<String>path("invalidParams[0].name")).isEqualTo("id");
        Response workerName = Api.admin().body(Map.of("name", "n".repeat(201), "phone", "+4790000002"))
                .post("/integrator/admin/workers");
        Api.assertProblem(workerName, 400);
        assertThat(workerName.<String>path("invalidParams[0].name")).isEqualTo("name");
        Response location = Api.admin().body(Map.of("name", "L", "lockIds", java.util.List.of("l".repeat(129))))
                .post("/integrator/admin/locations");
        Api.assertProblem(location, 400);
        assertThat(location.<String>path("invalidParams[0].name")).isEqualTo("lockIds");
        assertThat(Api.admin().get("/integrator/admin/workers").then().statusCode(200).extract()
                .<java.util.List<String>>path("workers.phone")).doesNotContain("+4790000001", "+4790000002");
    }
}
