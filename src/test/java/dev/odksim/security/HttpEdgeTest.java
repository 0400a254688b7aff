package dev.odksim.security;

import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.odksim.testing.Api.KARI;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/security.md findings 5-7 as a client sees them: the security headers of pages and APIs, no-store on tokens and
 * keys, a root redirect that ignores a foreign Host, bodies bounded per endpoint class with problem+json refusals,
 * error answers that name no Java type, and request metrics that carry route templates only.
 */
@QuarkusTest
class HttpEdgeTest {

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Test
    void pagesAndApisCarryTheSecurityHeaders() {
        for (String path : List.of("/dashboard/", "/app", "/dashboard/dashboard.js", "/.well-known/jwks.json", "/no-such-page")) {
            Response r = RestAssured.given().redirects().follow(false).get(path);
            assertThat(r.header("Content-Security-Policy")).as(path).isEqualTo(CSP);
            assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(r.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(r.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
            assertThat(r.header("Strict-Transport-Security")).as(path + ": HSTS would pin plain-HTTP LAN hosts").isNull();
        }
        Response swagger = RestAssured.given().get("/q/swagger-ui/");
        assertThat(swagger.header("Content-Security-Policy")).isEqualTo("frame-ancestors 'none'");
        assertThat(swagger.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void tokenAndKeyAnswersAreNeverCached() {
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("appUserId", KARI)).post("/api/app/v1/auth/otp");
        Response token = RestAssured.given().contentType(ContentType.JSON).body(Map.of("appUserId", KARI, "code", Api.latestCode(KARI)))
                .post("/api/app/v1/auth/token");
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.header("Cache-Control")).isEqualTo("no-store");
        String session = token.path("accessToken");
        Response exchange = RestAssured.given().contentType(ContentType.JSON).body(Map.of()).post("/api/app/v1/auth/token-exchange");
        assertThat(exchange.header("Cache-Control")).isEqualTo("no-store");
        String lock = Api.demoLockForKari();
        Response access = Api.requestAccess(session, lock);
        assertThat(access.statusCode()).as(access.asString()).isEqualTo(201);
        assertThat(access.header("Cache-Control")).isEqualTo("no-store");
        String keyId = access.path("key.id");
        assertThat(Api.app(session).get("/api/app/v1/keys").header("Cache-Control")).isEqualTo("no-store");
        assertThat(Api.app(session).get("/api/app/v1/keys/" + keyId).header("Cache-Control")).isEqualTo("no-store");
        assertThat(Api.admin().get("/api/admin/v1/projects/demo/keys").header("Cache-Control")).isEqualTo("no-store");
        assertThat(Api.admin().get("/api/sim/v1/sms").header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void theRootRedirectIgnoresAForeignHost() {
        Response r = RestAssured.given().redirects().follow(false).header("Host", "attacker.example").get("/");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.header("Location")).isEqualTo("/dashboard/");
    }

    @Test
    void anOversizedBodyIsAProblemPerEndpointClass() {
        String big = "{\"appUserId\":\"" + "x".repeat(70 * 1024) + "\"}";
        Response publicEndpoint = RestAssured.given().contentType(ContentType.JSON).body(big).post("/api/app/v1/auth/otp");
        Api.assertProblem(publicEndpoint, 413);
        assertThat(publicEndpoint.<String>path("detail")).contains("65536");
        Response unlock = RestAssured.given().contentType(ContentType.JSON).body("{\"key\":\"" + "x".repeat(70 * 1024) + "\"}")
                .post("/api/sim/v1/locks/demo-front-door/unlock");
        Api.assertProblem(unlock, 413);
        // The same size is fine for an admin endpoint (the name is refused for its length, not for the body's size) ...
        Response admin = Api.admin().body("{\"name\":\"" + "x".repeat(70 * 1024) + "\"}").post("/api/admin/v1/projects");
        assertThat(admin.statusCode()).isEqualTo(400);
        assertThat(admin.<List<String>>path("invalidParams.name")).containsExactly("name");
        // ... up to the admin limit.
        Api.assertProblem(Api.admin().body("{\"name\":\"" + "x".repeat(1100 * 1024) + "\"}").post("/api/admin/v1/projects"), 413);
    }

    @Test
    void aChunkedBodyToAPublicEndpointMustDeclareItsLength() throws Exception {
        String answer = raw("POST /api/app/v1/auth/otp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 411").contains("application/problem+json").contains("Content-Length");
    }

    @Test
    void optionsIsAProblemForEveryPath() {
        Response r = RestAssured.given().options("/api/app/v1/keys/whatever");
        Api.assertProblem(r, 405);
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private String raw(String request) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void errorAnswersNameNoJavaTypes() {
        String project = Api.projectCalling("http://localhost:1/check", Map.of());
        List<Response> answers = List.of(
                Api.admin().body("{\"timeoutMs\":\"soon\"}").put("/api/admin/v1/projects/" + project + "/on-demand"),
                Api.admin().body("{\"enabled\":{\"a\":1}}").put("/api/admin/v1/projects/" + project + "/on-demand"),
                Api.admin().body("[1,2]").post("/api/admin/v1/projects"),
                Api.admin().body("\"text\"").post("/api/admin/v1/projects"),
                Api.admin().body("{\"name\":").post("/api/admin/v1/projects"),
                Api.admin().body("{\"name\" 1}").post("/api/admin/v1/projects"),
                Api.admin().queryParam("limit", "many").get("/api/admin/v1/projects/" + project + "/decisions"),
                RestAssured.given().contentType(ContentType.JSON).body("{\"key\":[1]}").post("/api/sim/v1/locks/demo-front-door/unlock"));
        for (Response r : answers) {
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.asString()).as(r.asString())
                    .doesNotContain("java.").doesNotContain("dev.odksim").doesNotContain("`").doesNotContain("Exception")
                    .doesNotContain("Integer").doesNotContain("Boolean").doesNotContain("String").doesNotContain("Record")
                    .doesNotContain("jackson").doesNotContain("$");
        }
    }

    @Test
    void requestMetricsCarryRouteTemplatesOnly() {
        String marker = "junk" + UUID.randomUUID().toString().substring(0, 8);
        List<String> methods = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");
        List<String> shapes = List.of("/api/app/v1/keys/%s", "/api/admin/v1/projects/%s/keys/%s", "/api/sim/v1/locks/%s/unlock",
                "/t/%s", "/%s", "/api/app/v1/locks/%s/access", "/api/admin/v1/projects/%s", "/dashboard/%s.js",
                "/api/lock/v1/locks/%s/revocations", "/q/%s");
        for (int i = 0; i < 200; i++) {
            String id = marker + i;
            String path = String.format(shapes.get(i % shapes.size()), id, id);
            RestAssured.given().header("Authorization", i % 3 == 0 ? "Bearer " + Api.ADMIN_TOKEN : "Bearer x")
                    .request(methods.get(i % methods.size()), path);
        }
        String metrics = RestAssured.given().get("/q/metrics").asString();
        assertThat(metrics).as("no request path of the junk in the metrics").doesNotContain(marker);
        Matcher uris = Pattern.compile("uri=\"([^\"]*)\"").matcher(metrics);
        java.util.Set<String> seen = new java.util.TreeSet<>();
        while (uris.find()) {
            seen.add(uris.group(1));
        }
        assertThat(seen).allSatisfy(uri -> assertThat(uri).matches("NOT_FOUND|UNKNOWN|REDIRECTION|root|/[A-Za-z0-9_./{}-]*"));
        assertThat(seen).noneMatch(uri -> uri.contains(marker));
    }
}
