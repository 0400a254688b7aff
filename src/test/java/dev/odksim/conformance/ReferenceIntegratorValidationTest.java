package dev.odksim.conformance;

import dev.odksim.conformance.CheckResult.Status;
import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled reference integrator passes every check, through the command line and through the admin API, and the
 * admin API keeps the runs. The reference integrator's fault knobs are global: they are reset around every test.
 */
@QuarkusTest
class ReferenceIntegratorValidationTest {

    static final String GRANT = "demo-front-door:+4712345678";
    static final String DENY = "demo-server-room:+4798765432";

    @BeforeEach
    @AfterEach
    void noFaultsAndRealTime() {
        Map<String, Object> none = new HashMap<>();
        none.put("latencyMs", 0);
        none.put("forceStatus", null);
        none.put("malformedBody", false);
        Api.admin().body(none).put("/integrator/admin/faults").then().statusCode(200);
        Api.travel(0);
    }

    private static String referenceUrl() {
        return "http://localhost:" + RestAssured.port + "/integrator/check-access";
    }

    @Test
    void theReferenceIntegratorPassesEveryCheckFromTheCommandLine(@TempDir Path dir) throws Exception {
        CommandLineRun run = CommandLineRun.validate("--url", referenceUrl(), "--header", "X-Api-Key: demo-integrator-key",
                "--grant", GRANT, "--deny", DENY, "--repeats", "5", "--report-dir", dir.toString());
        assertThat(run.exitCode()).as(run.out()).isZero();
        for (Check check : Check.values()) {
            String expected = check == Check.TLS ? "SKIP  tls.valid" : "PASS  " + check.id();
            assertThat(run.out()).as(run.out()).contains(expected);
        }
        Element suite = CommandLineRun.suite(CommandLineRun.junit(dir));
        assertThat(suite.getAttribute("tests")).isEqualTo(String.valueOf(Check.values().length));
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
    }

    @Test
    void theAdminApiValidatesAProjectsEndpointWithItsAuthAndKeepsTheRun() {
        Response started = Api.admin().body(Map.of("grant", GRANT, "deny", DENY, "repeats", 3))
                .post("/api/admin/v1/projects/demo/validations");
        assertThat(started.statusCode()).as(started.asString()).isEqualTo(202);
        String runId = started.path("id");
        assertThat(started.header("Location")).endsWith("/api/admin/v1/projects/demo/runs/" + runId);
        assertThat(started.<String>path("kind")).isEqualTo("validation");
        assertThat(started.<String>path("state")).isIn("queued", "running");
        Response finished = Api.awaitRun("demo", runId, 60);
        assertThat(finished.<String>path("state")).isEqualTo("finished");
        assertThat(finished.<String>path("verdict")).as(finished.asString()).isEqualTo("CONFORMANT");
        assertThat(finished.<Float>path("progress")).isEqualTo(1.0f);
        assertThat(finished.<String>path("verdict")).isEqualTo("CONFORMANT");
        Response created = Api.admin().get("/api/admin/v1/projects/demo/validations/" + runId);
        assertThat(created.asString()).doesNotContain("demo-integrator-key");
        assertThat(created.<String>path("verdict")).isEqualTo("CONFORMANT");
        assertThat(created.<Integer>path("exitCode")).isZero();
        assertThat(created.<Integer>path("counts.failed")).isZero();
        assertThat(created.<String>path("report.headers.X-Api-Key")).isEqualTo("****-key");
        List<String> statuses = created.path("report.checks.status");
        assertThat(statuses).hasSize(Check.values().length).containsOnly(Status.PASS.name(), Status.SKIP.name());

        List<String> ids = Api.admin().get("/api/admin/v1/projects/demo/validations").then().statusCode(200)
                .extract().path("validations.id");
        assertThat(ids).contains(runId);
        Response one = Api.admin().get("/api/admin/v1/projects/demo/validations/" + runId);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.<String>path("report.checks[0].id")).isEqualTo("reach.ok");
        assertThat(one.<String>path("report.grant")).isEqualTo(GRANT);
    }

    @Test
    void aFaultyIntegratorIsNonConformantAndTheRunSaysWhy() {
        Api.admin().body(Map.of("latencyMs", 0, "forceStatus", 503, "malformedBody", false)).put("/integrator/admin/faults")
                .then().statusCode(200);
        Response started = Api.admin().body(Map.of("grant", GRANT, "deny", DENY, "repeats", 2))
                .post("/api/admin/v1/projects/demo/validations");
        assertThat(started.statusCode()).isEqualTo(202);
        Api.awaitRun("demo", started.path("id"), 60);
        Response created = Api.admin().get("/api/admin/v1/projects/demo/validations/" + started.path("id"));
        assertThat(created.<String>path("verdict")).isEqualTo("NON_CONFORMANT");
        assertThat(created.<Integer>path("exitCode")).isEqualTo(1);
        assertThat(created.<String>path("report.checks.find { it.id == 'grant.pair' }.message")).contains("HTTP 503");
        assertThat(created.<String>path("report.checks.find { it.id == 'grant.pair' }.curl"))
                .contains("X-Api-Key: ****-key", "demo-front-door", "%2B4712345678");
    }

    @Test
    void badRequestsNameTheField() {
        Api.assertProblem(Api.admin().body(Map.of("deny", DENY)).post("/api/admin/v1/projects/demo/validations"), 400)
                .then().body("invalidParams[0].name", org.hamcrest.Matchers.equalTo("grant"));
        Api.assertProblem(Api.admin().body(Map.of("grant", "demo-front-door", "deny", DENY))
                .post("/api/admin/v1/projects/demo/validations"), 400)
                .then().body("invalidParams[0].reason", org.hamcrest.Matchers.containsString("LOCK_ID:E164"));
        Api.assertProblem(Api.admin().body(Map.of("grant", GRANT, "deny", "x:not-a-number"))
                .post("/api/admin/v1/projects/demo/validations"), 400)
                .then().body("invalidParams[0].name", org.hamcrest.Matchers.equalTo("deny"));
        Api.assertProblem(Api.admin().body(Map.of("grant", GRANT, "deny", DENY, "repeats", 0))
                .post("/api/admin/v1/projects/demo/validations"), 400);
        Api.assertProblem(Api.admin().body(Map.of("grant", GRANT, "deny", DENY))
                .post("/api/admin/v1/projects/no-such-project/validations"), 404);
        Api.assertProblem(Api.admin().get("/api/admin/v1/projects/demo/validations/no-such-run"), 404);
        Api.assertProblem(Api.admin().body("").post("/api/admin/v1/projects/demo/validations"), 400);
        String project = Api.uniqueId("p");
        Api.admin().body(Map.of("id", project, "name", "No endpoint")).post("/api/admin/v1/projects").then().statusCode(201);
        Api.assertProblem(Api.admin().body(Map.of("grant", GRANT, "deny", DENY))
                .post("/api/admin/v1/projects/" + project + "/validations"), 409);
        RestAssured.given().body(Map.of("grant", GRANT, "deny", DENY)).contentType("application/json")
                .post("/api/admin/v1/projects/demo/validations").then().statusCode(401);
    }
}
