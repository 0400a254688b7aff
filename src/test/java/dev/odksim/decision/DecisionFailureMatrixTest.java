package dev.odksim.decision;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.odksim.testing.WireMockResource;
import dev.odksim.testing.WireMockResource.InjectWireMock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import org.junit.jupiter.api.TestInstance;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.odksim.testing.Api;
import dev.odksim.testing.RawHttpServer;
import dev.odksim.testing.RawHttpServer.Behaviour;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.odksim.testing.Api.KARI;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failure matrix of issue 3: every way an integrator (or its OAuth2 token endpoint) can fail, one row each.
 * Every row asserts what the app sees (status, {@code reason}, detail), the recorded decision, that no key exists
 * and that nothing answers 500. Each row has its own project, so no row's failures open another row's circuit.
 */
@QuarkusTest
@WithTestResource(value = WireMockResource.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionFailureMatrixTest {

    @InjectWireMock
    WireMockServer wiremock;
    private static RawHttpServer silent;
    private static RawHttpServer dribble;
    private static RawHttpServer reset;
    private static RawHttpServer fullBacklog;

    /** One failure: how to set up the project's on-demand config, and what the app and the log must show. */
    record Row(String name, Supplier<Map<String, Object>> config, int status, String outcome, String detail, boolean integratorUntouched) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void servers() throws IOException {
        wiremock.resetAll();
        silent = new RawHttpServer(Behaviour.SILENT);
        dribble = new RawHttpServer(Behaviour.DRIBBLE);
        reset = new RawHttpServer(Behaviour.RESET_MID_BODY);
        fullBacklog = new RawHttpServer(Behaviour.FULL_BACKLOG);
    }

    @AfterAll
    void stop() throws IOException {
        silent.close();
        dribble.close();
        reset.close();
        fullBacklog.close();
    }

    Stream<Row> rows() {
        return Stream.of(
                new Row("connection refused", () -> url(refusedUrl()), 502, "CONNECT_ERROR", "connection refused", false),
                new Row("connect timeout", () -> with(url(fullBacklog.url("/check")), "connectTimeoutMs", 300, "timeoutMs", 3000),
                        504, "TIMEOUT", "connect timed out after 300 ms", false),
                new Row("response headers too slow", () -> with(url(silent.url("/check")), "timeoutMs", 400),
                        504, "TIMEOUT", "no response headers within the total timeout of 400 ms", false),
                new Row("body dribbled past the total timeout", () -> with(url(dribble.url("/check")), "timeoutMs", 400),
                        504, "TIMEOUT", "body was not complete within the total timeout of 400 ms", false),
                new Row("connection reset mid-body", () -> url(reset.url("/check")),
                        502, "CONNECT_ERROR", "connection broken while reading the response body", false),
                new Row("301", () -> stub("r301", aResponse().withStatus(301).withHeader("Location", "https://elsewhere.example/check")),
                        502, "REDIRECT", "HTTP 301 redirect to https://elsewhere.example/check; the caller does not follow redirects", false),
                new Row("302", () -> stub("r302", aResponse().withStatus(302).withHeader("Location", "/login")),
                        502, "REDIRECT", "HTTP 302 redirect to /login", false),
                new Row("401", () -> stub("r401", aResponse().withStatus(401).withBody("{\"error\":\"no\"}")),
                        502, "HTTP_STATUS", "HTTP 401; only 200 is a decision (the integrator refused the caller's credentials", false),
                new Row("404", () -> stub("r404", aResponse().withStatus(404)),
                        502, "HTTP_STATUS", "HTTP 404; only 200 is a decision (check the configured URL", false),
                new Row("500", () -> stub("r500", aResponse().withStatus(500).withBody("boom")),
                        502, "HTTP_STATUS", "HTTP 500; only 200 is a decision", false),
                new Row("503 with Retry-After", () -> stub("r503", aResponse().withStatus(503).withHeader("Retry-After", "120")),
                        502, "HTTP_STATUS", "HTTP 503; only 200 is a decision (the integrator asked to retry after 120", false),
                new Row("wrong content type", () -> stub("ctype", aResponse().withStatus(200).withHeader("Content-Type", "text/plain")
                        .withBody("{\"hasAccess\":true}")), 502, "INVALID_RESPONSE", "content type is 'text/plain'; expected application/json", false),
                new Row("non-JSON", () -> stub("nonjson", aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("<html>ok</html>")), 502, "INVALID_RESPONSE", "body is not valid JSON", false),
                new Row("JSON array", () -> stub("array", okJson("[{\"hasAccess\":true}]")),
                        502, "INVALID_RESPONSE", "body is a JSON array, not a JSON object", false),
                new Row("body over the size cap", () -> stub("huge", okJson("{\"pad\":\"" + "x".repeat(70_000) + "\"}")),
                        502, "BODY_TOO_LARGE", "response body exceeds the cap of 65536 bytes", false),
                new Row("OAuth2 token endpoint down", () -> oauth2(refusedUrl()),
                        502, "AUTH_ERROR", "failed: connection refused", true),
                new Row("OAuth2 token endpoint returns 400", () -> oauth2(tokenStub("t400", aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\",\"error_description\":\"bad secret\"}"))),
                        502, "AUTH_ERROR", "token endpoint answered HTTP 400 error=invalid_client (bad secret)", true),
                new Row("OAuth2 token without expires_in", () -> oauth2(tokenStub("tnoexp",
                        okJson("{\"access_token\":\"abcdefghijklmnop\",\"token_type\":\"Bearer\"}"))),
                        502, "AUTH_ERROR", "token response has no expires_in", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void failureDeniesWithAPreciseReasonAndNoKey(Row row) {
        Map<String, Object> config = row.config().get();
        String url = (String) config.remove("url");
        String project = Api.projectCalling(url, config);
        String lock = Api.newLock(project);

        Response response = Api.requestAccess(Api.login(KARI), lock);

        assertThat(response.statusCode()).as("never a 500").isNotEqualTo(500);
        Api.assertProblem(response, row.status());
        assertThat(response.<String>path("reason")).isEqualTo(row.outcome());
        assertThat(response.<String>path("detail")).contains(row.detail());
        List<Map<String, Object>> decisions = Api.decisions(project);
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0)).containsEntry("id", response.path("decisionId")).containsEntry("lockId", lock)
                .containsEntry("appUserId", KARI).containsEntry("outcome", row.outcome())
                .containsEntry("reason", response.path("detail"));
        assertThat((String) decisions.get(0).get("curl")).startsWith("curl ").contains("appUserId=%2B4712345678");
        assertThat(Api.keys(project, lock)).as("no key after " + row.name()).isEmpty();
        if (row.integratorUntouched()) {
            wiremock.verify(0, getRequestedFor(urlPathEqualTo("/check-access")));
            assertThat(decisions.get(0).get("request").toString()).contains("sent=false");
        }
    }

    private Map<String, Object> url(String url) {
        Map<String, Object> config = new HashMap<>();
        config.put("url", url);
        return config;
    }

    private Map<String, Object> with(Map<String, Object> config, Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private Map<String, Object> stub(String path, ResponseDefinitionBuilder answer) {
        wiremock.stubFor(get(urlPathEqualTo("/" + path)).willReturn(answer));
        return url("http://localhost:" + wiremock.port() + "/" + path);
    }

    private String tokenStub(String path, ResponseDefinitionBuilder answer) {
        wiremock.stubFor(post(urlPathEqualTo("/" + path)).willReturn(answer));
        return "http://localhost:" + wiremock.port() + "/" + path;
    }

    private Map<String, Object> oauth2(String tokenUrl) {
        wiremock.stubFor(get(urlPathEqualTo("/check-access")).willReturn(okJson("{}")));
        return with(url("http://localhost:" + wiremock.port() + "/check-access"), "auth", Map.of("type", "oauth2",
                "tokenUrl", tokenUrl, "clientId", "odk-sim", "clientSecret", "client-secret-0123456789"));
    }

    /** A port nothing listens on: bound, then released. */
    private String refusedUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/check";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
