package dev.odksim.testing;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What tests do through the public HTTP APIs, as an app, an admin or a lock would. Tests share one Quarkus
 * application, so each creates its own projects and locks ({@link #uniqueId}) and restores global state (clock).
 */
public final class Api {

    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final String KARI = "+4712345678";
    public static final String OLA = "+4798765432";

    private Api() {
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static RequestSpecification admin() {
        return RestAssured.given().header("Authorization", "Bearer " + ADMIN_TOKEN).contentType(ContentType.JSON);
    }

    public static RequestSpecification app(String accessToken) {
        return RestAssured.given().header("Authorization", "Bearer " + accessToken).contentType(ContentType.JSON);
    }

    private static final Map<String, String> SESSIONS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * An access token for this user: the one from an earlier login while it still works, else a fresh login. Reusing
     * sessions keeps the many tests that act as Kari inside the OTP request limit.
     */
    public static String login(String appUserId) {
        String known = SESSIONS.get(appUserId);
        if (known != null && app(known).get("/api/app/v1/keys").statusCode() == 200) {
            return known;
        }
        String fresh = login(appUserId, Map.of());
        SESSIONS.put(appUserId, fresh);
        return fresh;
    }

    /** Always a new session, with extra fields for the token request (deviceId, devicePublicKey). */
    public static String login(String appUserId, Map<String, Object> extra) {
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("appUserId", appUserId))
                .post("/api/app/v1/auth/otp").then().statusCode(202);
        Map<String, Object> body = new java.util.HashMap<>(extra);
        body.put("appUserId", appUserId);
        body.put("code", latestCode(appUserId));
        return RestAssured.given().contentType(ContentType.JSON).body(body)
                .post("/api/app/v1/auth/token").then().statusCode(200).extract().path("accessToken");
    }

    /**
     * Forgets the number's one-time-code requests so far: the browser tests log the demo users in through the page many
     * times in one test run, more often than the real limit (5 per 15 minutes) allows one phone.
     */
    public static void forgetCodeRequests(String appUserId) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() ->
                dev.odksim.appauth.OtpChallenge.delete("appUserId", appUserId));
    }

    public static String latestCode(String appUserId) {
        return admin().queryParam("to", appUserId).get("/api/sim/v1/sms").then().statusCode(200)
                .extract().path("messages[0].code");
    }

    /** A new project with one lock, its on-demand decision pointed at {@code url} with an API header. Returns the project id. */
    public static String projectCalling(String url, Map<String, Object> onDemandOverrides) {
        String project = uniqueId("p");
        admin().body(Map.of("id", project, "name", "Test " + project)).post("/api/admin/v1/projects").then().statusCode(201);
        Map<String, Object> config = new java.util.HashMap<>(Map.of("enabled", true, "url", url,
                "auth", Map.of("type", "header", "headerName", "X-Api-Key", "headerValue", "integrator-secret-1234")));
        config.putAll(onDemandOverrides);
        admin().body(config).put("/api/admin/v1/projects/" + project + "/on-demand").then().statusCode(200);
        return project;
    }

    public static String newLock(String project) {
        String lock = uniqueId("lock");
        admin().body(Map.of("id", lock, "name", "Door " + lock)).post("/api/admin/v1/projects/" + project + "/locks")
                .then().statusCode(201);
        return lock;
    }

    /**
     * A new lock in the demo project that Kari may open now: the reference integrator gets a location holding it and
     * a task for Kari there, so each test has a lock no other test has a key to.
     */
    public static String demoLockForKari() {
        String lock = newLock("demo");
        String location = uniqueId("loc");
        admin().body(Map.of("id", location, "name", "Location " + lock, "lockIds", List.of(lock)))
                .post("/integrator/admin/locations").then().statusCode(201);
        java.time.Instant now = java.time.Instant.now();
        admin().body(Map.of("workerId", "kari", "locationId", location, "title", "Test task",
                        "start", now.minusSeconds(60).toString(), "end", now.plusSeconds(8 * 3600).toString()))
                .post("/integrator/admin/tasks").then().statusCode(201);
        return lock;
    }

    /**
     * A new reference-integrator worker with a task at {@code locks} for the next hour; returns the worker's phone
     * number (its own, so the OTP limits of the shared demo numbers are not touched).
     */
    public static String workerWithTaskAt(List<String> locks) {
        String phone = "+4741" + String.format("%06d", java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000));
        String workerId = uniqueId("w");
        admin().body(Map.of("id", workerId, "name", "Worker " + workerId, "phone", phone)).post("/integrator/admin/workers")
                .then().statusCode(201);
        String location = uniqueId("loc");
        admin().body(Map.of("id", location, "name", "Location " + location, "lockIds", locks)).post("/integrator/admin/locations")
                .then().statusCode(201);
        java.time.Instant now = java.time.Instant.now();
        admin().body(Map.of("workerId", workerId, "locationId", location, "title", "Test task",
                        "start", now.minusSeconds(60).toString(), "end", now.plusSeconds(3600).toString()))
                .post("/integrator/admin/tasks").then().statusCode(201);
        return phone;
    }

    public static Response requestAccess(String accessToken, String lockId) {
        return app(accessToken).body("{}").post("/api/app/v1/locks/" + lockId + "/access");
    }

    public static Response unlock(String lockId, String token) {
        return RestAssured.given().contentType(ContentType.JSON).body(Map.of("key", token))
                .post("/api/sim/v1/locks/" + lockId + "/unlock");
    }

    public static List<Map<String, Object>> keys(String project, String lockId) {
        return admin().queryParam("lockId", lockId).get("/api/admin/v1/projects/" + project + "/keys")
                .then().statusCode(200).extract().path("keys");
    }

    public static List<Map<String, Object>> decisions(String project) {
        return admin().queryParam("limit", 1000).get("/api/admin/v1/projects/" + project + "/decisions").then().statusCode(200).extract().path("decisions");
    }

    /**
     * Polls a run (validation, load test) until it reaches a final state, at most {@code seconds}; returns its last
     * view. Polling with a deadline, not a sleep standing in for the run.
     */
    public static Response awaitRun(String project, String runId, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            Response run = admin().get("/api/admin/v1/projects/" + project + "/runs/" + runId);
            assertThat(run.statusCode()).as(run.asString()).isEqualTo(200);
            String state = run.path("state");
            if (List.of("finished", "cancelled", "failed").contains(state)) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + runId + " still " + state + " after " + seconds + " s: " + run.asString());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static void travel(long offsetSeconds) {
        admin().body(Map.of("offsetSeconds", offsetSeconds)).put("/api/sim/v1/clock").then().statusCode(200);
    }

    /** Asserts a problem+json answer and returns it for further checks. */
    public static Response assertProblem(Response response, int status) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>path("title")).isNotBlank();
        assertThat(response.<Integer>path("status")).isEqualTo(status);
        return response;
    }
}
