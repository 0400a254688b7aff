package dev.odksim.decision;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.odksim.testing.WireMockResource;
import dev.odksim.testing.WireMockResource.InjectWireMock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import org.junit.jupiter.api.TestInstance;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.odksim.testing.Api.KARI;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Caller authentication (docs/design.md §6.2): OAuth2 client credentials (token reuse, one refresh and retry on a 401,
 * one fetch for concurrent requests, the secret masked and write-only), request signing verified by the recipe of
 * docs/integrator-guide.md written out here independently, and the decision log's curl line, retention and metrics.
 */
@QuarkusTest
@WithTestResource(value = WireMockResource.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionAuthTest {

    private static final String CLIENT_SECRET = "client-secret-0123456789";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(("odk-sim:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    @InjectWireMock
    WireMockServer wiremock;

    @BeforeAll
    void start() {
        wiremock.resetAll();
    }


    private String url(String path) {
        return "http://localhost:" + wiremock.port() + path;
    }

    private ResponseDefinitionBuilder grant() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"lockId\":\"{{request.query.lockId}}\",\"appUserId\":\"{{request.query.appUserId}}\",\"hasAccess\":true}")
                .withTransformers("response-template");
    }

    private ResponseDefinitionBuilder token(String value) {
        return okJson("{\"access_token\":\"" + value + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    private String oauthProject(String name) {
        return Api.projectCalling(url("/" + name + "/check"), Map.of("auth", Map.of("type", "oauth2", "tokenUrl", url("/" + name + "/token"),
                "clientId", "odk-sim", "clientSecret", CLIENT_SECRET, "scope", "access:check locks")));
    }

    @Test
    void tokenIsReusedAndRefreshedOnceAfterA401() {
        wiremock.stubFor(post(urlPathEqualTo("/reuse/token")).withHeader("Authorization", equalTo(BASIC))
                .willReturn(token("first-token-aaaa1111")));
        wiremock.stubFor(get(urlPathEqualTo("/reuse/check")).withHeader("Authorization", equalTo("Bearer first-token-aaaa1111"))
                .willReturn(grant()));
        String project = oauthProject("reuse");
        String app = Api.login(KARI);

        for (int i = 0; i < 3; i++) {
            Response granted = Api.requestAccess(app, Api.newLock(project));
            assertThat(granted.statusCode()).as(granted.asString()).isEqualTo(201);
        }
        wiremock.verify(1, postRequestedFor(urlPathEqualTo("/reuse/token")));
        LoggedRequest tokenRequest = wiremock.findAll(postRequestedFor(urlPathEqualTo("/reuse/token"))).get(0);
        assertThat(tokenRequest.getBodyAsString()).isEqualTo("grant_type=client_credentials&scope=access%3Acheck%20locks");
        assertThat(tokenRequest.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        wiremock.verify(3, getRequestedFor(urlPathEqualTo("/reuse/check")));

        // The integrator now refuses the cached token: one refresh, one retry, and the grant goes through.
        wiremock.stubFor(post(urlPathEqualTo("/reuse/token")).willReturn(token("second-token-bbbb2222")));
        wiremock.stubFor(get(urlPathEqualTo("/reuse/check")).withHeader("Authorization", equalTo("Bearer first-token-aaaa1111"))
                .willReturn(aResponse().withStatus(401)));
        wiremock.stubFor(get(urlPathEqualTo("/reuse/check")).withHeader("Authorization", equalTo("Bearer second-token-bbbb2222"))
                .willReturn(grant()));
        Response refreshed = Api.requestAccess(app, Api.newLock(project));
        assertThat(refreshed.statusCode()).as(refreshed.asString()).isEqualTo(201);
        wiremock.verify(2, postRequestedFor(urlPathEqualTo("/reuse/token")));
        Map<String, Object> decision = Api.decisions(project).get(0);
        assertThat(decision.get("request").toString()).contains("tokenRefreshed=true").contains("Bearer ****2222")
                .doesNotContain("second-token");
        assertThat(decision.get("curl").toString()).contains("-H 'Authorization: Bearer ****2222'");

        // Still refused with a fresh token: a failure, and only one retry.
        wiremock.stubFor(get(urlPathEqualTo("/reuse/check")).withHeader("Authorization", equalTo("Bearer second-token-bbbb2222"))
                .willReturn(aResponse().withStatus(401)));
        wiremock.stubFor(post(urlPathEqualTo("/reuse/token")).willReturn(token("third-token-cccc3333")));
        wiremock.stubFor(get(urlPathEqualTo("/reuse/check")).withHeader("Authorization", equalTo("Bearer third-token-cccc3333"))
                .willReturn(aResponse().withStatus(401)));
        String lock = Api.newLock(project);
        Response refused = Api.assertProblem(Api.requestAccess(app, lock), 502);
        assertThat(refused.<String>path("reason")).isEqualTo("HTTP_STATUS");
        assertThat(refused.<String>path("detail")).contains("HTTP 401").contains("freshly fetched OAuth2 token");
        assertThat(Api.keys(project, lock)).isEmpty();
        wiremock.verify(3, postRequestedFor(urlPathEqualTo("/reuse/token")));
    }

    @Test
    void concurrentRequestsShareOneTokenFetch() throws Exception {
        wiremock.stubFor(post(urlPathEqualTo("/herd/token")).willReturn(token("herd-token-dddd4444").withFixedDelay(400)));
        wiremock.stubFor(get(urlPathEqualTo("/herd/check")).willReturn(grant()));
        String project = oauthProject("herd");
        String app = Api.login(KARI);
        List<String> locks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            locks.add(Api.newLock(project));
        }
        ExecutorService pool = Executors.newFixedThreadPool(locks.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (String lock : locks) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return Api.requestAccess(app, lock);
                }));
            }
            go.countDown();
            for (Future<Response> future : futures) {
                assertThat(future.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        wiremock.verify(1, postRequestedFor(urlPathEqualTo("/herd/token")));
        wiremock.verify(8, getRequestedFor(urlPathEqualTo("/herd/check")).withHeader("Authorization", equalTo("Bearer herd-token-dddd4444")));
    }

    @Test
    void clientSecretIsMaskedAndAMaskedValueKeepsIt() {
        wiremock.stubFor(post(urlPathEqualTo("/mask/token")).withHeader("Authorization", equalTo(BASIC)).willReturn(token("mask-token-eeee5555")));
        wiremock.stubFor(get(urlPathEqualTo("/mask/check")).willReturn(grant()));
        String project = oauthProject("mask");
        String path = "/api/admin/v1/projects/" + project + "/on-demand";
        Response config = Api.admin().get(path).then().statusCode(200).extract().response();
        assertThat(config.asString()).doesNotContain(CLIENT_SECRET);
        assertThat(config.<String>path("auth.clientSecret")).isEqualTo("****6789");
        assertThat(config.<String>path("auth.tokenUrl")).isEqualTo(url("/mask/token"));
        assertThat(config.<String>path("auth.scope")).isEqualTo("access:check locks");

        // Read-modify-write with the masked secret: the stored secret still authenticates.
        Api.admin().body(Map.of("auth", Map.of("type", "oauth2", "tokenUrl", url("/mask/token"), "clientId", "odk-sim",
                "clientSecret", "****6789"))).put(path).then().statusCode(200);
        Response granted = Api.requestAccess(Api.login(KARI), Api.newLock(project));
        assertThat(granted.statusCode()).as(granted.asString()).isEqualTo(201);
        assertThat(Api.decisions(project).toString()).doesNotContain(CLIENT_SECRET).doesNotContain("mask-token-eeee5555");
    }

    @Test
    void invalidOAuth2AndSigningSettingsAreRejectedByField() {
        String project = Api.projectCalling(url("/x"), Map.of());
        String path = "/api/admin/v1/projects/" + project + "/on-demand";
        Response missing = Api.admin().body(Map.of("auth", Map.of("type", "oauth2", "tokenUrl", "ftp://nope", "clientSecret", "****6789")))
                .put(path);
        Api.assertProblem(missing, 400);
        assertThat(missing.<List<String>>path("invalidParams.name")).contains("auth.tokenUrl", "auth.clientId", "auth.clientSecret");
        Response shortSecret = Api.admin().body(Map.of("signing", Map.of("enabled", true, "secret", "short"))).put(path);
        Api.assertProblem(shortSecret, 400);
        assertThat(shortSecret.<List<String>>path("invalidParams.name")).containsExactly("signing.secret");
        Response badScope = Api.admin().body(Map.of("auth", Map.of("type", "oauth2", "tokenUrl", url("/t"), "clientId", "c",
                "clientSecret", "s", "scope", "a\"b"))).put(path);
        assertThat(badScope.<List<String>>path("invalidParams.name")).containsExactly("auth.scope");
        // Nothing was stored by the refused updates.
        assertThat(Api.admin().get(path).then().statusCode(200).extract().<String>path("auth.type")).isEqualTo("header");
    }

    @Test
    void signedRequestVerifiesByTheDocumentedRecipe() throws Exception {
        String secret = "whsec-test-secret-0123456789";
        wiremock.stubFor(get(urlPathEqualTo("/signed")).willReturn(grant()));
        String project = Api.projectCalling(url("/signed"), Map.of("signing", Map.of("enabled", true, "secret", secret)));
        Response granted = Api.requestAccess(Api.login(KARI), Api.newLock(project));
        assertThat(granted.statusCode()).as(granted.asString()).isEqualTo(201);

        LoggedRequest request = wiremock.findAll(getRequestedFor(urlPathEqualTo("/signed"))).get(0);
        String id = request.getHeader("webhook-id");
        String timestamp = request.getHeader("webhook-timestamp");
        String signature = request.getHeader("webhook-signature");
        // The recipe of docs/integrator-guide.md: id.timestamp.METHOD.path-and-query, HMAC-SHA256, Base64, "v1," prefix.
        String signedContent = id + "." + timestamp + "." + request.getMethod().getName() + "." + request.getUrl();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signedContent.getBytes(StandardCharsets.UTF_8)));
        assertThat(signature).isEqualTo(expected);
        assertThat(request.getUrl()).contains("appUserId=%2B4712345678");
        assertThat(id).isEqualTo(granted.path("decisionId")).isEqualTo(request.getHeader("X-Request-Id"));
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(300);
        // A tampered query does not verify.
        String tampered = signedContent.replace("%2B4712345678", "%2B4798765432");
        assertThat("v1," + Base64.getEncoder().encodeToString(mac.doFinal(tampered.getBytes(StandardCharsets.UTF_8)))).isNotEqualTo(signature);

        Response config = Api.admin().get("/api/admin/v1/projects/" + project + "/on-demand").then().statusCode(200).extract().response();
        assertThat(config.<Boolean>path("signing.enabled")).isTrue();
        assertThat(config.<String>path("signing.secret")).isEqualTo("****6789");
    }

    @Test
    void decisionLogKeepsTheNewestWithinRetentionAndCarriesACurlLine() {
        wiremock.stubFor(get(urlPathEqualTo("/deny")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"lockId\":\"{{request.query.lockId}}\",\"appUserId\":\"{{request.query.appUserId}}\",\"hasAccess\":false}")
                .withTransformers("response-template")));
        String project = Api.projectCalling(url("/deny"), Map.of("decisionRetention", 3, "timeoutMs", 2500, "connectTimeoutMs", 700));
        String app = Api.login(KARI);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Api.assertProblem(Api.requestAccess(app, Api.newLock(project)), 403).path("decisionId"));
        }
        List<Map<String, Object>> decisions = Api.decisions(project);
        assertThat(decisions).extracting(d -> d.get("id")).containsExactly(ids.get(4), ids.get(3), ids.get(2));
        String curl = (String) decisions.get(0).get("curl");
        assertThat(curl).startsWith("curl -sS -i --connect-timeout 0.700 --max-time 2.500 -H 'Accept: application/json'")
                .contains("-H 'X-Api-Key: ****1234'").contains("appUserId=%2B4712345678'").doesNotContain("integrator-secret-1234");
        assertThat(decisions.get(0).get("response").toString()).contains("status=200").contains("contentType=application/json");

        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("odk_decisions_total{outcome=\"DENIED\",project=\"" + project + "\"} 5.0")
                .contains("odk_decision_latency_seconds_bucket{outcome=\"DENIED\"");
    }
}
