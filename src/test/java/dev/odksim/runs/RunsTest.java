package dev.odksim.runs;

import dev.odksim.testing.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long runs are jobs (issue 14): validations and load tests started through the admin API answer 202 with a run id
 * at once, report progress while they go, can be cancelled, and keep their state in the database.
 */
@QuarkusTest
class RunsTest {

    static final String RUNS = "/api/admin/v1/projects/demo/runs/";

    @Inject
    RunService runs;

    @AfterEach
    void noFaults() {
        Api.admin().body(Map.of("latencyMs", 0, "malformedBody", false)).put("/integrator/admin/faults").then().statusCode(200);
    }

    @Test
    void aLoadTestOfTheProjectsEndpointRunsAsAJobAndKeepsItsReport() {
        Response started = Api.admin().body(Map.of("lockIds", List.of("demo-front-door"), "appUserIds", List.of("+4712345678"),
                "ratePerSecond", 20, "durationSeconds", 1)).post("/api/admin/v1/projects/demo/load-tests");
        assertThat(started.statusCode()).as(started.asString()).isEqualTo(202);
        String id = started.path("id");
        assertThat(started.header("Location")).endsWith(RUNS + id);
        assertThat(started.<String>path("kind")).isEqualTo("load");

        Response finished = Api.awaitRun("demo", id, 60);
        assertThat(finished.<String>path("state")).as(finished.asString()).isEqualTo("finished");
        assertThat(finished.<String>path("verdict")).isEqualTo("PASSED");
        assertThat(finished.<Integer>path("report.sent")).isEqualTo(20);
        assertThat(finished.<String>path("report.outcomes[0].outcome")).isEqualTo("GRANTED");
        assertThat(finished.<Integer>path("report.outcomes[0].count")).isEqualTo(20);
        assertThat(finished.asString()).doesNotContain("demo-integrator-key");
        assertThat(Api.admin().get("/api/admin/v1/projects/demo/runs").then().statusCode(200).extract().<List<String>>path("runs.id")).contains(id);
        Api.assertProblem(Api.admin().post(RUNS + id + "/cancel"), 409);
    }

    @Test
    void theMeasuredMedianFollowsTheReferenceIntegratorsInjectedLatency() {
        // Warm-up, not judged: the first calls of a test JVM on a loaded machine are slow (class loading, JIT, the first
        // connections); one took over 3 s each here.
        Api.awaitRun("demo", startLoadTest(), 60);
        Api.admin().body(Map.of("latencyMs", 300, "malformedBody", false)).put("/integrator/admin/faults").then().statusCode(200);
        float p50At300 = loadTestP50();
        Api.admin().body(Map.of("latencyMs", 1000, "malformedBody", false)).put("/integrator/admin/faults").then().statusCode(200);
        float p50At1000 = loadTestP50();
        // Never below the injected latency, and the difference follows the injected difference (700 ms); wide margins
        // for a shared build machine, the shape is what counts.
        assertThat(p50At300).isGreaterThanOrEqualTo(300f);
        assertThat(p50At1000).isGreaterThanOrEqualTo(1000f);
        assertThat(p50At1000 - p50At300).as("p50 %s ms with 300 ms injected, %s ms with 1000 ms", p50At300, p50At1000)
                .isBetween(700f - 250, 700f + 600);
    }

    /** Starts a load test of 20 calls (10/s for 2 s) of the demo project's endpoint; its run id. */
    private static String startLoadTest() {
        return Api.admin().body(Map.of("lockIds", List.of("demo-front-door"), "appUserIds", List.of("+4712345678"),
                "ratePerSecond", 10, "durationSeconds", 2)).post("/api/admin/v1/projects/demo/load-tests").then().statusCode(202)
                .extract().path("id");
    }

    /** One short load test of the demo project's endpoint (the bundled reference integrator); its p50 in ms. */
    private static float loadTestP50() {
        Response finished = Api.awaitRun("demo", startLoadTest(), 60);
        assertThat(finished.<String>path("state")).as(finished.asString()).isEqualTo("finished");
        assertThat(finished.<Integer>path("report.outcomes[0].count")).as(finished.asString()).isEqualTo(20);
        return finished.<Number>path("report.latency.p50").floatValue();
    }

    @Test
    void aRunningLoadTestReportsProgressAndStopsWhenCancelled() {
        String id = Api.admin().body(Map.of("lockIds", List.of("demo-front-door"), "appUserIds", List.of("+4712345678"),
                "ratePerSecond", 5, "durationSeconds", 600)).post("/api/admin/v1/projects/demo/load-tests").then().statusCode(202)
                .extract().path("id");
        awaitProgress(id);
        Response cancelled = Api.admin().post(RUNS + id + "/cancel");
        assertThat(cancelled.statusCode()).isEqualTo(202);
        assertThat(cancelled.<Boolean>path("cancelRequested")).isTrue();

        Response end = Api.awaitRun("demo", id, 30);
        assertThat(end.<String>path("state")).isEqualTo("cancelled");
        assertThat(end.<Boolean>path("report.cancelled")).as("the partial report is kept").isTrue();
        assertThat(end.<Integer>path("report.sent")).isLessThan(3000);
    }

    @Test
    void aSlowValidationCanBeCancelledBetweenTwoCalls() {
        Api.admin().body(Map.of("latencyMs", 1000, "malformedBody", false)).put("/integrator/admin/faults").then().statusCode(200);
        Response started = Api.admin().body(Map.of("grant", "demo-front-door:+4712345678", "deny", "demo-server-room:+4798765432"))
                .post("/api/admin/v1/projects/demo/validations");
        assertThat(started.statusCode()).as("answered at once, though the suite takes half a minute").isEqualTo(202);
        String id = started.path("id");
        awaitProgress(id);
        Api.admin().post(RUNS + id + "/cancel").then().statusCode(202);
        Response end = Api.awaitRun("demo", id, 30);
        assertThat(end.<String>path("state")).isEqualTo("cancelled");
        Api.assertProblem(Api.admin().get("/api/admin/v1/projects/demo/validations/" + id), 404);
    }

    @Test
    void badLoadTestsNameTheField() {
        Response bad = Api.assertProblem(Api.admin().body(Map.of("lockIds", List.of(), "appUserIds", List.of("+4712345678"),
                "ratePerSecond", 0, "durationSeconds", 99999)).post("/api/admin/v1/projects/demo/load-tests"), 400);
        assertThat(bad.<List<String>>path("invalidParams.name")).contains("lockIds", "ratePerSecond", "durationSeconds");
        Response phone = Api.assertProblem(Api.admin().body(Map.of("lockIds", List.of("demo-front-door"), "appUserIds", List.of("12"),
                "ratePerSecond", 1, "durationSeconds", 1)).post("/api/admin/v1/projects/demo/load-tests"), 400);
        assertThat(phone.<List<String>>path("invalidParams.name")).containsExactly("appUserIds[0]");
        Api.assertProblem(Api.admin().post(RUNS + "no-such-run/cancel"), 404);
    }

    @Test
    void aRunWhoseInstanceStoppedHeartbeatingIsMarkedFailed() {
        Run orphan = new Run();
        orphan.id = Api.uniqueId("run");
        orphan.projectId = "demo";
        orphan.kind = RunKind.LOAD.wire();
        orphan.state = RunState.RUNNING.wire();
        orphan.startedAt = Instant.now().minusSeconds(600);
        orphan.heartbeatAt = Instant.now().minus(RunService.STALE).minusSeconds(1);
        orphan.progressText = "running elsewhere";
        orphan.request = "{}";
        QuarkusTransaction.requiringNew().run(orphan::persist);

        runs.failAbandoned(); // (or the scheduled sweep got there first)
        Response failed = Api.admin().get(RUNS + orphan.id).then().statusCode(200).extract().response();
        assertThat(failed.<String>path("state")).isEqualTo("failed");
        assertThat(failed.<String>path("error")).contains("no heartbeat");
    }

    /** Polls until the run reports some progress (with a deadline). */
    private static void awaitProgress(String id) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Response run = Api.admin().get(RUNS + id);
            if (run.<Float>path("progress") > 0 && "running".equals(run.path("state"))) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("run " + id + " made no progress");
    }
}
