package dev.odksim.testing;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Map;

/** What tests do as an integrator's Unloc client: API clients, tokens and {@code /v2} calls. */
public final class Unloc {

    private Unloc() {
    }

    /** An API client of {@code project}: {clientId, clientSecret, ...}. */
    public static Map<String, Object> newClient(String project) {
        return Api.admin().body(Map.of("name", "test client")).post("/api/admin/v1/projects/" + project + "/api-clients")
                .then().statusCode(201).extract().as(Map.class);
    }

    public static Map<String, Object> tokenRequest(Map<String, Object> client, String project) {
        return Map.of("grant_type", "client_credentials", "client_id", client.get("clientId"),
                "client_secret", client.get("clientSecret"), "scope", "project.admin", "project_id", project);
    }

    /** A fresh access token for {@code project} through a new API client. */
    public static String token(String project) {
        return RestAssured.given().contentType(ContentType.JSON).body(tokenRequest(newClient(project), project))
                .post("/v2/auth/token/").then().statusCode(200).extract().path("access_token");
    }

    public static RequestSpecification as(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** Sets the project's simulated provisioning (delay, fault knob) through the admin API. */
    public static void settings(String project, Map<String, Object> settings) {
        Api.admin().body(settings).put("/api/admin/v1/projects/" + project + "/unloc-settings").then().statusCode(200);
    }

    /** Posts a batch and returns its jobRef (202 expected). */
    public static String createKeys(String token, String project, java.util.List<Map<String, Object>> keys) {
        io.restassured.response.Response answer = as(token).body(Map.of("keys", keys)).post("/v2/projects/" + project + "/keys");
        org.assertj.core.api.Assertions.assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(202);
        return answer.path("jobRef");
    }

    /** Polls the job (with a deadline, not a sleep standing in for synchronisation) until it is completed. */
    public static io.restassured.response.Response awaitJob(String token, String project, String jobRef) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
        while (true) {
            io.restassured.response.Response job = as(token).get("/v2/projects/" + project + "/jobs/" + jobRef);
            org.assertj.core.api.Assertions.assertThat(job.statusCode()).as(job.asString()).isEqualTo(200);
            if ("completed".equals(job.path("state"))) {
                return job;
            }
            org.assertj.core.api.Assertions.assertThat(System.nanoTime()).as("job " + jobRef + " completes in time").isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public static Map<String, Object> key(String lock, String appUserId) {
        return new java.util.HashMap<>(Map.of("lockId", lock, "appUserId", appUserId));
    }

    /** A phone number of its own, so the OTP limits of the shared demo numbers are not touched. */
    public static String newPhone() {
        return "+4741" + String.format("%06d", java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000));
    }

    /** A new project (no on-demand call) for /v2 tests. */
    public static String newProject() {
        String project = Api.uniqueId("u");
        Api.admin().body(Map.of("id", project, "name", "Unloc " + project)).post("/api/admin/v1/projects").then().statusCode(201);
        return project;
    }
}
