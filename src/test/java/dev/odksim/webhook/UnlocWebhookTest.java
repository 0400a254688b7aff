package dev.odksim.webhook;

import dev.odksim.testing.Api;
import dev.odksim.testing.Unloc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11 under the Unloc-compatible API: registration with the project's /v2 token, the same webhooks as the admin API. */
@QuarkusTest
class UnlocWebhookTest {

    @Test
    void aProjectTokenRegistersListsAndDeletesItsWebhooks() {
        String project = Unloc.newProject();
        String lock = Api.newLock(project);
        String token = Unloc.token(project);
        String base = "/v2/projects/" + project + "/webhooks";

        Map<String, Object> created = Unloc.as(token).body(Map.of("trigger", "accessEvent", "url", "https://integrator.example/hooks", "lockId", lock))
                .post(base).then().statusCode(201).extract().jsonPath().getMap("");
        assertThat(created).containsOnlyKeys("id", "trigger", "url", "lockId", "secret", "created")
                .containsEntry("trigger", "accessEvent").containsEntry("lockId", lock);
        assertThat((String) created.get("secret")).startsWith("whsec_");
        String id = (String) created.get("id");

        List<Map<String, Object>> listed = Unloc.as(token).get(base).then().statusCode(200).extract().jsonPath().getList("webhooks");
        assertThat(listed).singleElement().satisfies(w -> assertThat(w).containsOnlyKeys("id", "trigger", "url", "lockId", "created")
                .containsEntry("id", id));
        Unloc.as(token).get(base + "/" + id).then().statusCode(200);
        assertThat(Api.admin().get("/api/admin/v1/projects/" + project + "/webhooks/" + id).then().statusCode(200)
                .extract().<String>path("url")).isEqualTo("https://integrator.example/hooks");

        Api.assertProblem(Unloc.as(token).body(Map.of("trigger", "accessEvent", "url", "ftp://x")).post(base), 400);
        Api.assertProblem(RestAssured.given().contentType(ContentType.JSON).body(Map.of("trigger", "accessEvent", "url", "https://a.example"))
                .post(base), 401);
        String other = Unloc.newProject();
        Api.assertProblem(Unloc.as(token).get("/v2/projects/" + other + "/webhooks"), 403);

        Unloc.as(token).delete(base + "/" + id).then().statusCode(204);
        Api.assertProblem(Unloc.as(token).get(base + "/" + id), 404);
    }
}
