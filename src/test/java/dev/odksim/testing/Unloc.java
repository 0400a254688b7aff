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

    /** A new project (no on-demand call) for /v2 tests. */
    public static String newProject() {
        String project = Api.uniqueId("u");
        Api.admin().body(Map.of("id", project, "name", "Unloc " + project)).post("/api/admin/v1/projects").then().statusCode(201);
        return project;
    }
}
