package dev.odksim.decision;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.odksim.project.OnDemandConfig;
import dev.odksim.testing.Api;
import dev.odksim.testing.LogCapture;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.odksim.testing.Api.KARI;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/security.md finding 1: every configured secret (API header value, OAuth2 client secret and its HTTP Basic form,
 * signing secret, fetched Bearer token) fed through every failure path of the decision call never appears in the app's
 * answer, the decision log (reason, recorded request and body, curl line) or anything logged meanwhile.
 */
@QuarkusTest
class SecretScrubTest {

    private static final String HEADER_SECRET = "hdr-secret-Zq8xK2mN";
    private static final String SIGNING_SECRET = "signing-secret-Tn5vY9Lk";
    private static final String CLIENT_SECRET = "client-secret-Wm3pR7aB";
    private static final String BASIC = Base64.getEncoder().encodeToString(("odk-sim:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    private static final String TOKEN = "bearer-token-Hq4sD8cV";
    private static final String EN_DASH_SECRET = "legacy\u2013secret-Pp2Xw";
    private static final String LATIN1_SECRET = "legacy-s\u00e9cret-Kk7Yb";
    private static final List<String> SECRETS = List.of(HEADER_SECRET, SIGNING_SECRET, CLIENT_SECRET, BASIC, TOKEN,
            EN_DASH_SECRET, LATIN1_SECRET, "s\u00e9cret-Kk7Yb", "secret-Pp2Xw");
    private static WireMockServer wiremock;

    @BeforeAll
    static void start() {
        wiremock = new WireMockServer(options().dynamicPort());
        wiremock.start();
    }

    @AfterAll
    static void stop() {
        wiremock.stop();
    }

    private static String url(String path) {
        return "http://localhost:" + wiremock.port() + path;
    }

    /** Echoes every request header and the given secrets back in a body of the given status. */
    private static void echo(String path, int status, String body) {
        wiremock.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body).withTransformers("response-template")));
    }

    private static String headerProject(String path) {
        return Api.projectCalling(url(path), Map.of("auth", Map.of("type", "header", "headerName", "X-Api-Key",
                "headerValue", HEADER_SECRET), "signing", Map.of("enabled", true, "secret", SIGNING_SECRET), "timeoutMs", 30_000));
    }

    private static String oauthProject(String name) {
        return Api.projectCalling(url("/" + name + "/check"), Map.of("auth", Map.of("type", "oauth2", "tokenUrl",
                url("/" + name + "/token"), "clientId", "odk-sim", "clientSecret", CLIENT_SECRET),
                "signing", Map.of("enabled", true, "secret", SIGNING_SECRET), "timeoutMs", 30_000));
    }

    /** A secret saved before values were checked: written as an old version would have stored it. */
    private static void storeLegacyHeaderValue(String project, String value) {
        QuarkusTransaction.requiringNew().run(() -> {
            OnDemandConfig config = OnDemandConfig.findById(project);
            config.headerValue = value;
        });
    }

    private static void assertNoSecretIn(String where, String text) {
        for (String secret : SECRETS) {
            assertThat(text).as(where + " must not contain " + secret).doesNotContain(secret);
        }
    }

    /** Asks for access, and checks the answer, the decision log and the log output. */
    private static void assertScrubbed(String project, int status, String outcome, Consumer<String> detailCheck) {
        String lock = Api.newLock(project);
        String session = Api.login(KARI);
        try (LogCapture log = LogCapture.install()) {
            Response answer = Api.requestAccess(session, lock);
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(status);
            assertThat(answer.<String>path("reason")).isEqualTo(outcome);
            detailCheck.accept(answer.<String>path("detail"));
            assertNoSecretIn("the app's answer", answer.asString());
            String decisions = Api.admin().queryParam("limit", 1000).get("/api/admin/v1/projects/" + project + "/decisions").asString();
            assertThat(decisions).contains(outcome);
            assertNoSecretIn("the decision log", decisions);
            assertThat(log.text()).contains(outcome);
            assertNoSecretIn("the log", log.text());
        }
    }

    @Test
    void anIntegratorEchoingTheHeaderAndSigningSecretsInAnErrorShowsNeither() {
        echo("/echo500/check", 500, "{\"error\":\"bad key {{request.headers.X-Api-Key}} signed with " + SIGNING_SECRET + "\"}");
        assertScrubbed(headerProject("/echo500/check"), 502, "HTTP_STATUS", detail -> assertThat(detail).contains("HTTP 500"));
    }

    @Test
    void anInvalidAnswerQuotingTheSecretIsScrubbedFromTheReason() {
        echo("/echo200/check", 200, "{\"lockId\":\"{{request.query.lockId}}\",\"appUserId\":\"{{request.query.appUserId}}\","
                + "\"hasAccess\":\"{{request.headers.X-Api-Key}}\"}");
        assertScrubbed(headerProject("/echo200/check"), 502, "INVALID_RESPONSE", detail -> assertThat(detail).contains("hasAccess").contains("****"));
    }

    @Test
    void aStoredValueHttpCannotCarryIsNeverSentNorQuoted() {
        echo("/legacy/check", 200, "{\"hasAccess\":true}");
        String dash = headerProject("/legacy/check");
        storeLegacyHeaderValue(dash, EN_DASH_SECRET);
        assertScrubbed(dash, 502, "CONNECT_ERROR", detail -> assertThat(detail).contains("X-Api-Key").contains("save it again"));
        assertThat(((Map<?, ?>) Api.decisions(dash).get(0).get("request")).get("sent")).isEqualTo(false);
        String latin1 = headerProject("/legacy/check");
        storeLegacyHeaderValue(latin1, LATIN1_SECRET);
        assertScrubbed(latin1, 502, "CONNECT_ERROR", detail -> assertThat(detail).contains("X-Api-Key"));
        assertThat(wiremock.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/legacy/check"))))
                .as("a value HTTP cannot carry is never sent as other bytes").isEmpty();
    }

    @Test
    void aTokenEndpointEchoingTheClientSecretShowsItNowhere() {
        wiremock.stubFor(post(urlPathEqualTo("/tok400/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"unknown {{request.headers.Authorization}} / "
                        + CLIENT_SECRET + " / " + java.net.URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8) + "\"}")));
        assertScrubbed(oauthProject("tok400"), 502, "AUTH_ERROR", detail -> assertThat(detail).contains("invalid_client"));
    }

    @Test
    void aTokenHttpCannotCarryIsNeitherSentNorQuoted() {
        wiremock.stubFor(post(urlPathEqualTo("/badtoken/token")).willReturn(okJson(
                "{\"access_token\":\"" + TOKEN + "\\u2013x\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        echo("/badtoken/check", 200, "{\"hasAccess\":true}");
        assertScrubbed(oauthProject("badtoken"), 502, "CONNECT_ERROR", detail -> assertThat(detail).contains("Authorization"));
    }

    @Test
    void anIntegratorEchoingTheBearerTokenShowsItNowhere() {
        wiremock.stubFor(post(urlPathEqualTo("/echo401/token")).willReturn(okJson(
                "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        echo("/echo401/check", 401, "{\"error\":\"token {{request.headers.Authorization}} refused\"}");
        assertScrubbed(oauthProject("echo401"), 502, "HTTP_STATUS", detail -> assertThat(detail).contains("401"));
    }
}
