package dev.odksim.common;

import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Project-scoped admin tokens over the WHOLE admin API: every {@link AdminOnly} operation, found by reflection over the
 * compiled resource classes (so an endpoint added later is covered without editing this test), refuses another
 * project's token with 403, refuses global-only operations, and lets the token work on its own project.
 */
@QuarkusTest
class ProjectAdminTokenScopeTest {

    private String mine;
    private String theirs;
    private String token;

    /** One admin operation: HTTP method, path template, and the Java method (for its marks). */
    record Operation(String verb, String template, Method method) {
        boolean namesProject() {
            return template.contains("{projectId}");
        }

        boolean globalOnly() {
            return method.isAnnotationPresent(GlobalAdminOnly.class) || method.getDeclaringClass().isAnnotationPresent(GlobalAdminOnly.class);
        }

        String path(String projectId) {
            return template.replace("{projectId}", projectId).replaceAll("\\{[^}]+}", "no-such-thing");
        }

        @Override
        public String toString() {
            return verb + " " + template;
        }
    }

    @BeforeEach
    void twoProjectsAndATokenOfOne() {
        mine = newProject();
        theirs = newProject();
        token = Api.admin().body(Map.of("label", "Company A")).post("/api/admin/v1/projects/" + mine + "/admin-tokens")
                .then().statusCode(201).extract().path("token");
    }

    @Test
    void everyOperationOnAnotherProjectIsForbidden() throws Exception {
        List<Operation> operations = adminOperations();
        assertThat(operations).as("admin operations found").hasSizeGreaterThan(20);
        assertThat(operations.stream().filter(Operation::namesProject)).as("project operations found").hasSizeGreaterThan(10);
        for (Operation op : operations.stream().filter(Operation::namesProject).toList()) {
            Response response = send(token, op, op.path(theirs));
            Api.assertProblem(response, 403);
        }
    }

    @Test
    void globalOperationsRefuseAProjectToken() throws Exception {
        for (Operation op : adminOperations()) {
            if (op.namesProject() && !op.globalOnly() || op.method().isAnnotationPresent(ProjectFiltered.class)) {
                continue;
            }
            Api.assertProblem(send(token, op, op.path(mine)), 403);
        }
    }

    @Test
    void theTokenWorksOnItsOwnProject() throws Exception {
        for (Operation op : adminOperations()) {
            if (!op.namesProject() || op.globalOnly()) {
                continue;
            }
            Response response = send(token, op, op.path(mine));
            assertThat(response.statusCode()).as(op + " → " + response.asString()).isNotIn(401, 403);
        }
        List<String> listed = RestAssured.given().header("Authorization", "Bearer " + token).get("/api/admin/v1/projects")
                .then().statusCode(200).extract().path("id");
        assertThat(listed).containsExactly(mine);
        List<String> all = Api.admin().get("/api/admin/v1/projects").then().statusCode(200).extract().path("id");
        assertThat(all).contains(mine, theirs);
    }

    @Test
    void withoutATokenEveryAdminOperationIs401() throws Exception {
        for (Operation op : adminOperations()) {
            Api.assertProblem(send(null, op, op.path(mine)), 401);
            Api.assertProblem(send("odkp_not-a-real-token", op, op.path(mine)), 401);
        }
    }

    @Test
    void aRevokedTokenIsRefusedAndTheSecretIsShownOnlyOnce() {
        List<Map<String, Object>> tokens = Api.admin().get("/api/admin/v1/projects/" + mine + "/admin-tokens")
                .then().statusCode(200).extract().path("tokens");
        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0).get("token")).isNull();
        assertThat(tokens.get(0).get("label")).isEqualTo("Company A");
        RestAssured.given().header("Authorization", "Bearer " + token).get("/api/admin/v1/projects/" + mine).then().statusCode(200);

        Api.admin().delete("/api/admin/v1/projects/" + mine + "/admin-tokens/" + tokens.get(0).get("id")).then().statusCode(200);

        Api.assertProblem(RestAssured.given().header("Authorization", "Bearer " + token).get("/api/admin/v1/projects/" + mine), 401);
        Api.assertProblem(Api.admin().delete("/api/admin/v1/projects/" + theirs + "/admin-tokens/" + tokens.get(0).get("id")), 404);
    }

    @Test
    void aProjectTokenCannotIssueTokens() {
        Api.assertProblem(RestAssured.given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body("{}")
                .post("/api/admin/v1/projects/" + mine + "/admin-tokens"), 403);
        Api.assertProblem(Api.admin().body(Map.of("label", "x".repeat(201))).post("/api/admin/v1/projects/" + mine + "/admin-tokens"), 400);
        Api.assertProblem(Api.admin().body("{}").post("/api/admin/v1/projects/no-such-project/admin-tokens"), 404);
    }

    private static Response send(String bearer, Operation op, String path) {
        var request = RestAssured.given().contentType(ContentType.JSON).accept("*/*");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (!op.verb().equals("GET") && !op.verb().equals("DELETE")) {
            request.body("{}");
        }
        return request.request(op.verb(), path);
    }

    private static String newProject() {
        String id = Api.uniqueId("scope");
        Api.admin().body(Map.of("id", id, "name", "Scope " + id)).post("/api/admin/v1/projects").then().statusCode(201);
        return id;
    }

    /** Every operation of every {@link AdminOnly} resource class or method in the compiled application. */
    static List<Operation> adminOperations() throws IOException, ClassNotFoundException {
        java.nio.file.Path root = Paths.get("target/classes");
        List<Operation> operations = new ArrayList<>();
        List<String> names;
        try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("dev/odksim"))) {
            names = files.map(p -> root.relativize(p).toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).sorted().toList();
        }
        for (String name : names) {
            Class<?> type = Class.forName(name, false, ProjectAdminTokenScopeTest.class.getClassLoader());
            Path base = type.getAnnotation(Path.class);
            if (base == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                String verb = verb(method);
                if (verb == null || !(type.isAnnotationPresent(AdminOnly.class) || method.isAnnotationPresent(AdminOnly.class))) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String template = ("/" + base.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/");
                template = template.length() > 1 && template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
                operations.add(new Operation(verb, template, method));
            }
        }
        return operations;
    }

    private static String verb(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }
}
