package dev.odksim.decision;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.odksim.testing.WireMockResource;
import dev.odksim.testing.WireMockResource.InjectWireMock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import org.junit.jupiter.api.TestInstance;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.odksim.testing.Api.KARI;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of docs/design.md §6.4 against WireMock standing in for the integrator: what the app sees (status and
 * reason), the recorded decision, and that no key exists after a failure.
 */
@QuarkusTest
@WithTestResource(value = WireMockResource.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionRulesTest {

    @InjectWireMock
    WireMockServer integrator;
    private static String project;
    private String lock;
    private String app;

    @BeforeAll
    void startIntegrator() {
        integrator.resetAll();
    }


    @BeforeEach
    void freshLock() {
        integrator.resetAll();
        if (project == null) {
            project = Api.projectCalling("http://localhost:" + integrator.port() + "/check-access",
                    Map.of("timeoutMs", 500, "maxDurationSeconds", 7200));
        }
        lock = Api.newLock(project);
        app = Api.login(KARI);
    }

    private void answer(ResponseDefinitionBuilder response) {
        integrator.stubFor(get(urlPathEqualTo("/check-access")).willReturn(response));
    }

    private String body(String lockId, String appUserId, String hasAccess, String keyData) {
        return "{\"lockId\":\"" + lockId + "\",\"appUserId\":\"" + appUserId + "\",\"hasAccess\":" + hasAccess
                + (keyData == null ? "" : ",\"keyData\":" + keyData) + "}";
    }

    private String granted(String keyData) {
        return body(lock, KARI, "true", keyData);
    }

    /** Asserts the app's answer, the decision row and that no key was created; returns the decision's reason. */
    private String assertRefused(int status, String outcome) {
        Response response = Api.requestAccess(app, lock);
        Api.assertProblem(response, status);
        assertThat(response.<String>path("reason")).isEqualTo(outcome);
        Map<String, Object> decision = Api.decisions(project).get(0);
        assertThat(decision).containsEntry("lockId", lock).containsEntry("outcome", outcome)
                .containsEntry("id", response.path("decisionId"));
        assertThat(Api.keys(project, lock)).as("no key after " + outcome).isEmpty();
        assertThat(response.<String>path("detail")).isEqualTo(decision.get("reason"));
        return (String) decision.get("reason");
    }

    @Test
    void wrongLockIdEchoIsInvalid() {
        answer(okJson(body("another-lock", KARI, "true", null)));
        assertThat(assertRefused(502, "INVALID_RESPONSE")).contains("lockId").contains("another-lock");
    }

    @Test
    void wrongAppUserIdEchoIsInvalid() {
        answer(okJson(body(lock, "+4798765432", "true", null)));
        assertThat(assertRefused(502, "INVALID_RESPONSE")).contains("appUserId");
    }

    @Test
    void echoWithPlusDecodedAsSpaceIsInvalid() {
        answer(okJson(body(lock, " 4712345678", "true", null)));
        assertThat(assertRefused(502, "INVALID_RESPONSE")).contains("appUserId");
    }

    @Test
    void hasAccessAsStringIsInvalid() {
        answer(okJson(body(lock, KARI, "\"true\"", null)));
        assertThat(assertRefused(502, "INVALID_RESPONSE")).contains("hasAccess must be a JSON boolean");
    }

    @Test
    void missingHasAccessIsInvalid() {
        answer(okJson("{\"lockId\":\"" + lock + "\",\"appUserId\":\"" + KARI + "\"}"));
        assertThat(assertRefused(502, "INVALID_RESPONSE")).contains("hasAccess is missing");
    }

    @Test
    void negativeDurationIsInvalid() {
        answer(okJson(granted("{\"duration\":-5}")));
        assertThat(assertRefused(502, "INVALID_RESPONSE")).contains("duration must be positive");
    }

    @Test
    void zeroDurationIsInvalid() {
        answer(okJson(granted("{\"duration\":0}")));
        assertThat(assertRefused(502, "INVALID_RESPONSE")).contains("duration must be positive");
    }

    @Test
    void fractionalOrStringDurationIsInvalid() {
        answer(okJson(granted("{\"duration\":\"1800\"}")));
        assertThat(assertRefused(502, "INVALID_RESPONSE")).contains("whole number of seconds");
    }

    @Test
    void endBeforeStartIsInvalid() {
        Instant now = Instant.now();
        answer(okJson(granted("{\"start\":\"" + now.plusSeconds(3600) + "\",\"end\":\"" + now.plusSeconds(600) + "\"}")));
        assertThat(assertRefused(502, "INVALID_RESPONSE")).contains("is not after the start");
    }

    @Test
    void endInThePastIsInvalid() {
        answer(okJson(granted("{\"end\":\"2020-01-01T00:00:00.000Z\"}")));
        assertThat(assertRefused(502, "INVALID_RESPONSE")).contains("in the past");
    }

    @Test
    void nonJsonBodyIsInvalid() {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("<html>oops</html>"));
        assertThat(assertRefused(502, "INVALID_RESPONSE")).contains("not valid JSON");
    }

    @Test
    void http500IsAFailure() {
        answer(aResponse().withStatus(500).withBody("boom"));
        assertThat(assertRefused(502, "HTTP_STATUS")).contains("500");
        assertThat(Api.decisions(project).get(0)).containsEntry("httpStatus", 500);
    }

    @Test
    void slowIntegratorTimesOut() {
        answer(okJson(granted(null)).withFixedDelay(2000));
        assertThat(assertRefused(504, "TIMEOUT")).contains("500 ms");
    }

    @Test
    void deniedIsForbiddenWithoutKey() {
        answer(okJson(body(lock, KARI, "false", "{\"duration\":600}")));
        assertRefused(403, "DENIED");
    }

    @Test
    void durationOverTheMaximumIsClampedAndRecorded() {
        answer(okJson(granted("{\"duration\":86400}")));
        Response response = Api.requestAccess(app, lock);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        Instant start = Instant.parse(response.path("key.start"));
        Instant end = Instant.parse(response.path("key.end"));
        assertThat(end.getEpochSecond() - start.getEpochSecond()).isEqualTo(7200);
        Map<String, Object> decision = Api.decisions(project).get(0);
        assertThat(decision).containsEntry("outcome", "GRANTED");
        assertThat((String) decision.get("reason")).contains("clamped to the project maximum of 7200 s");
    }

    @Test
    void startAndEndWindowIsHonoured() {
        Instant start = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant end = start.plusSeconds(900);
        answer(okJson(granted("{\"start\":\"" + start + "\",\"end\":\"" + end + "\",\"unknown\":1}")));
        Response response = Api.requestAccess(app, lock);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        assertThat(Instant.parse(response.path("key.start"))).isEqualTo(start);
        assertThat(Instant.parse(response.path("key.end"))).isEqualTo(end);
    }

    @Test
    void phoneNumberArrivesIntactAsPercentEncodedPlus() {
        // WireMock decodes query values like Express or Spring: a raw '+' would arrive as a space.
        integrator.stubFor(get(urlPathEqualTo("/check-access")).withQueryParam("appUserId", equalTo(KARI))
                .withQueryParam("lockId", equalTo(lock)).withHeader("X-Api-Key", equalTo("integrator-secret-1234"))
                .withHeader("Accept", equalTo("application/json"))
                .willReturn(okJson(granted(null))));
        Api.requestAccess(app, lock).then().statusCode(201);
        integrator.verify(1, getRequestedFor(urlPathEqualTo("/check-access")));
        String rawUrl = integrator.getAllServeEvents().get(0).getRequest().getUrl();
        assertThat(rawUrl).contains("appUserId=%2B4712345678").doesNotContain("+");
        Map<String, Object> decision = Api.decisions(project).get(0);
        assertThat(decision.toString()).doesNotContain("integrator-secret-1234").contains("****1234");
    }
}
