package dev.odksim.project;

import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On-demand configuration values the database could not hold, or that would carry a secret in plain sight: a 400
 * naming the field (never a 500), and the stored configuration unchanged.
 */
@QuarkusTest
class OnDemandConfigLimitsTest {

    private static final String LONG = "x".repeat(2100);

    private static Response put(String project, Map<String, Object> body) {
        return Api.admin().body(body).put("/api/admin/v1/projects/" + project + "/on-demand");
    }

    private static void assertRejected(String project, Map<String, Object> body, String field) {
        Response bad = Api.assertProblem(put(project, body), 400);
        assertThat(bad.<List<String>>path("invalidParams.name")).contains(field);
        Response stored = Api.admin().get("/api/admin/v1/projects/" + project + "/on-demand");
        assertThat(stored.<String>path("url")).isEqualTo("http://localhost:1/check");
        assertThat(stored.<String>path("auth.headerValue")).isEqualTo("****1234");
    }

    @Test
    void valuesLongerThanTheirColumnsAreBadRequests() {
        String project = Api.projectCalling("http://localhost:1/check", Map.of());
        assertRejected(project, Map.of("url", "http://localhost:1/" + LONG), "url");
        assertRejected(project, Map.of("auth", Map.of("type", "header", "headerName", "X-Api-Key", "headerValue", LONG)),
                "auth.headerValue");
        assertRejected(project, Map.of("auth", Map.of("type", "oauth2", "tokenUrl", "http://localhost:1/" + LONG,
                "clientId", "c", "clientSecret", "s")), "auth.tokenUrl");
    }

    @Test
    void credentialsInAUrlAreRefusedSoTheyAreNeverShownOrLogged() {
        String project = Api.projectCalling("http://localhost:1/check", Map.of());
        assertRejected(project, Map.of("url", "https://user:hunter2-secret@localhost:1/check"), "url");
        assertRejected(project, Map.of("auth", Map.of("type", "oauth2", "tokenUrl", "https://id:hunter2-secret@localhost:1/token",
                "clientId", "c", "clientSecret", "s")), "auth.tokenUrl");
    }
}
