package dev.odksim.unloc;

import dev.odksim.common.Secrets;
import dev.odksim.testing.Api;
import dev.odksim.testing.Unloc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** API clients, the client-credentials token of /v2, and the gate in front of every /v2/projects/{p} endpoint. */
@QuarkusTest
class UnlocAuthTest {

    @AfterEach
    void backToRealTime() {
        Api.travel(0);
    }

    private static Response token(Map<String, Object> body) {
        return RestAssured.given().contentType(ContentType.JSON).body(body).post("/v2/auth/token/");
    }

    private static Response locks(String project, String token) {
        return Unloc.as(token).get("/v2/projects/" + project + "/locks");
    }

    @Test
    void apiClientSecretIsShownOnceAndStoredOnlyAsItsHash() {
        String project = Unloc.newProject();
        Map<String, Object> client = Unloc.newClient(project);
        String secret = (String) client.get("clientSecret");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        List<Map<String, Object>> listed = Api.admin().get("/api/admin/v1/projects/" + project + "/api-clients")
                .then().statusCode(200).extract().path("apiClients");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0)).containsEntry("clientId", client.get("clientId")).doesNotContainKey("clientSecret");
        assertThat(Api.admin().get("/api/admin/v1/projects/" + project + "/api-clients").asString()).doesNotContain(secret);
        assertThat(Api.admin().get("/api/admin/v1/projects/" + project + "/api-clients").header("Cache-Control")).isEqualTo("no-store");
        ApiClient stored = QuarkusTransaction.requiringNew().call(() -> ApiClient.findById(client.get("clientId")));
        assertThat(stored.secretHash).isEqualTo(Secrets.sha256(secret)).doesNotContain(secret);
    }

    @Test
    void tokenAsDocumentedOpensTheProjectsLocks() {
        String project = Unloc.newProject();
        String lock = Api.newLock(project);
        Response answer = token(Unloc.tokenRequest(Unloc.newClient(project), project));
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        assertThat(answer.header("Cache-Control")).as("a token is never cached").isEqualTo("no-store");
        assertThat(answer.<String>path("token_type")).isEqualTo("bearer");
        assertThat(answer.<Integer>path("expires_in")).isEqualTo(3600);
        assertThat(answer.<List<String>>path("scope")).containsExactly("project.admin");
        Response listed = locks(project, answer.path("access_token"));
        assertThat(listed.statusCode()).as(listed.asString()).isEqualTo(200);
        assertThat(listed.<List<String>>path("locks.id")).containsExactly(lock);
        assertThat(listed.<String>path("locks[0].timezone")).isEqualTo("Europe/Oslo");
        assertThat(listed.<String>path("startAfterId")).isNull();
    }

    @Test
    void tokenPathWithoutSlashAndFormBodyWorkToo() {
        String project = Unloc.newProject();
        Map<String, Object> request = Unloc.tokenRequest(Unloc.newClient(project), project);
        RestAssured.given().contentType(ContentType.JSON).body(request).post("/v2/auth/token").then().statusCode(200);
        Response form = RestAssured.given().contentType(ContentType.URLENC).formParams(request).post("/v2/auth/token/");
        assertThat(form.statusCode()).as(form.asString()).isEqualTo(200);
        assertThat(locks(project, form.path("access_token")).statusCode()).isEqualTo(200);
        RestAssured.given().contentType(ContentType.URLENC).formParams(request).post("/v2/auth/token").then().statusCode(200);
    }

    @Test
    void wrongSecretAndUnknownClientAreTheSame401() {
        String project = Unloc.newProject();
        Map<String, Object> request = new HashMap<>(Unloc.tokenRequest(Unloc.newClient(project), project));
        request.put("client_secret", "not-the-secret");
        Response wrong = Api.assertProblem(token(request), 401);
        assertThat(wrong.<String>path("reason")).isEqualTo("invalid_client");
        request.put("client_id", "odk-nosuchclient");
        Response unknown = Api.assertProblem(token(request), 401);
        assertThat(unknown.<String>path("detail")).isEqualTo(wrong.path("detail"));
    }

    @Test
    void wrongGrantScopeOrMissingProjectAre400NamingTheField() {
        String project = Unloc.newProject();
        Map<String, Object> good = Unloc.tokenRequest(Unloc.newClient(project), project);
        Map<String, Object> grant = new HashMap<>(good);
        grant.put("grant_type", "password");
        assertThat(Api.assertProblem(token(grant), 400).<String>path("invalidParams[0].name")).isEqualTo("grant_type");
        Map<String, Object> scope = new HashMap<>(good);
        scope.put("scope", "organization.admin");
        assertThat(Api.assertProblem(token(scope), 400).<String>path("invalidParams[0].name")).isEqualTo("scope");
        Map<String, Object> noProject = new HashMap<>(good);
        noProject.remove("project_id");
        assertThat(Api.assertProblem(token(noProject), 400).<String>path("invalidParams[0].name")).isEqualTo("project_id");
    }

    @Test
    void clientOfAnotherProjectGetsNoTokenForThisOne() {
        String mine = Unloc.newProject();
        String other = Unloc.newProject();
        Api.assertProblem(token(Unloc.tokenRequest(Unloc.newClient(other), mine)), 403);
    }

    @Test
    void missingGarbageOrForeignTokensAre401() {
        String project = Unloc.newProject();
        Api.assertProblem(RestAssured.given().get("/v2/projects/" + project + "/locks"), 401);
        Api.assertProblem(locks(project, "not-a-jwt"), 401);
        String appToken = Api.login(Api.KARI);
        Api.assertProblem(locks(project, appToken), 401);
        Api.assertProblem(locks(project, Api.ADMIN_TOKEN), 401);
    }

    @Test
    void tokenOfAnotherProjectIs403() {
        String mine = Unloc.newProject();
        String other = Unloc.newProject();
        Response answer = Api.assertProblem(locks(mine, Unloc.token(other)), 403);
        assertThat(answer.<String>path("detail")).contains(other);
    }

    @Test
    void tokenExpiresOnTheSimulatorClock() {
        String project = Unloc.newProject();
        String token = Unloc.token(project);
        Api.travel(3500);
        assertThat(locks(project, token).statusCode()).isEqualTo(200);
        Api.travel(3601);
        Response expired = Api.assertProblem(locks(project, token), 401);
        assertThat(expired.<String>path("detail")).contains("expired");
    }

    @Test
    void deletingTheClientEndsItsTokens() {
        String project = Unloc.newProject();
        Map<String, Object> client = Unloc.newClient(project);
        String token = token(Unloc.tokenRequest(client, project)).path("access_token");
        assertThat(locks(project, token).statusCode()).isEqualTo(200);
        Api.admin().delete("/api/admin/v1/projects/" + project + "/api-clients/" + client.get("clientId")).then().statusCode(204);
        Api.assertProblem(locks(project, token), 401);
        Api.assertProblem(token(Unloc.tokenRequest(client, project)), 401);
    }
}
