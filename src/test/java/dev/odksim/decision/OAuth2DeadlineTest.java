package dev.odksim.decision;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.odksim.testing.Api.KARI;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One deadline per app request for the whole OAuth2 exchange (token fetch, call, refresh, repeated call): with a slow
 * token endpoint and a slow decision endpoint the app gets a clean 504 TIMEOUT by {@code timeoutMs} plus this
 * machine's own overhead, never a success or an answer after several timeouts added up.
 */
@QuarkusTest
class OAuth2DeadlineTest {

    private static final int TIMEOUT_MS = 1500;
    private static WireMockServer wiremock;

    @BeforeAll
    static void start() {
        wiremock = new WireMockServer(options().dynamicPort().containerThreads(20));
        wiremock.start();
    }

    @AfterAll
    static void stop() {
        wiremock.stop();
    }

    private static String url(String path) {
        return "http://localhost:" + wiremock.port() + path;
    }

    private static ResponseDefinitionBuilder grant() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"lockId\":\"{{request.query.lockId}}\",\"appUserId\":\"{{request.query.appUserId}}\",\"hasAccess\":true}")
                .withTransformers("response-template");
    }

    private static ResponseDefinitionBuilder token(String value) {
        return okJson("{\"access_token\":\"" + value + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    private static String project(String name) {
        return project(name, TIMEOUT_MS);
    }

    private static String project(String name, int timeoutMs) {
        return Api.projectCalling(url("/" + name + "/check"), Map.of("timeoutMs", timeoutMs, "connectTimeoutMs", 500,
                "circuitBreakerFailures", 1000, "auth", Map.of("type", "oauth2", "tokenUrl", url("/" + name + "/token"),
                        "clientId", "odk-sim", "clientSecret", "deadline-secret-0123456789")));
    }

    /** What a full on-demand flow costs on this machine right now, with an integrator that answers at once. */
    private static long overheadMs(String app) {
        wiremock.stubFor(post(urlPathEqualTo("/fast/token")).willReturn(token("fast-token-0000")));
        wiremock.stubFor(get(urlPathEqualTo("/fast/check")).willReturn(grant()));
        // A generous timeout: this measures the machine, so a busy moment must not turn it into a timeout.
        String project = project("fast", 20_000);
        long worst = 0;
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            Api.requestAccess(app, Api.newLock(project)).then().statusCode(201);
            worst = Math.max(worst, (System.nanoTime() - started) / 1_000_000);
        }
        return worst;
    }

    /** The answer must be 504 TIMEOUT, within the configured timeout plus three times the measured overhead. */
    private static void assertTimelyTimeout(String app, String project, long overheadMs) {
        long started = System.nanoTime();
        Response answer = Api.requestAccess(app, Api.newLock(project));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        Api.assertProblem(answer, 504);
        assertThat(answer.<String>path("reason")).isEqualTo("TIMEOUT");
        assertThat(tookMs).as("answered after %d ms; timeoutMs %d, overhead of a fast flow %d ms", tookMs, TIMEOUT_MS, overheadMs)
                .isLessThan(TIMEOUT_MS + 3 * overheadMs + 100);
        assertThat(Api.decisions(project).get(0)).containsEntry("outcome", "TIMEOUT");
    }

    @Test
    void aTokenEndpointSlowerThanTheTimeoutIsATimeout() {
        String app = Api.login(KARI);
        long overhead = overheadMs(app);
        wiremock.stubFor(post(urlPathEqualTo("/slowtoken/token")).willReturn(token("never-used-1111").withFixedDelay(3 * TIMEOUT_MS)));
        wiremock.stubFor(get(urlPathEqualTo("/slowtoken/check")).willReturn(grant()));
        assertTimelyTimeout(app, project("slowtoken"), overhead);
    }

    @Test
    void aSlowTokenAndASlowCallShareOneTimeout() {
        String app = Api.login(KARI);
        long overhead = overheadMs(app);
        // Each alone fits in the timeout; together they do not, so the app must not wait for both.
        int each = TIMEOUT_MS * 6 / 10;
        wiremock.stubFor(post(urlPathEqualTo("/bothslow/token")).willReturn(token("both-slow-2222").withFixedDelay(each)));
        wiremock.stubFor(get(urlPathEqualTo("/bothslow/check")).willReturn(grant().withFixedDelay(each)));
        assertTimelyTimeout(app, project("bothslow"), overhead);
    }

    @Test
    void aRefreshAfterA401SharesTheTimeoutWithTheFirstCall() {
        String app = Api.login(KARI);
        long overhead = overheadMs(app);
        int each = TIMEOUT_MS * 4 / 10;
        // The first token is refused after a while; the refresh and the repeated call are slow too.
        wiremock.stubFor(post(urlPathEqualTo("/refresh/token")).inScenario("refresh").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(token("refused-3333")).willSetStateTo("refused"));
        wiremock.stubFor(post(urlPathEqualTo("/refresh/token")).inScenario("refresh").whenScenarioStateIs("refused")
                .willReturn(token("fresh-4444").withFixedDelay(each)));
        wiremock.stubFor(get(urlPathEqualTo("/refresh/check")).withHeader("Authorization",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer refused-3333"))
                .willReturn(aResponse().withStatus(401).withFixedDelay(each)));
        wiremock.stubFor(get(urlPathEqualTo("/refresh/check")).withHeader("Authorization",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer fresh-4444"))
                .willReturn(grant().withFixedDelay(each)));
        assertTimelyTimeout(app, project("refresh"), overhead);
    }
}
