package dev.odksim.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two packaged instances on one PostgreSQL database behind HAProxy (issue 13): they behave as one platform. Every
 * step of the demo flow lands on the other instance than the one before; parallel taps spread over both make one
 * integrator call; time travel, signing-key rotation and the scheduled job are cluster-wide; and killing one instance
 * moves traffic to the other without losing an acknowledged key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = Cluster.ADMIN_TOKEN;
    private static final String KARI = "+4712345678";
    /** The retention job's period here: short, so several periods pass during the test. */
    private static final Duration RETENTION_PERIOD = Duration.ofSeconds(2);

    @TempDir
    static Path workDir;
    private static Cluster cluster;
    private static WireMockServer integrator;
    private static String a;
    private static String b;

    @BeforeAll
    static void startCluster() throws Exception {
        integrator = new WireMockServer(options().dynamicPort().templatingEnabled(true).globalTemplating(false));
        integrator.start();
        // A grant for whoever asks, slow enough that parallel taps overlap.
        integrator.stubFor(get(urlPathEqualTo("/check")).willReturn(aResponse().withStatus(200).withFixedDelay(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"lockId\":\"{{request.query.lockId}}\",\"appUserId\":\"{{request.query.appUserId}}\",\"hasAccess\":true}")
                .withTransformers("response-template")));
        // Generous decision timeouts (defaults of new projects, the demo one included): on a loaded 2-core CI machine
        // the first calls of a cold JVM can take seconds, and these tests are about agreement, not speed.
        cluster = Cluster.start(workDir, Map.of("ODK_RETENTION_EVERY", RETENTION_PERIOD.toSeconds() + "s",
                "ODK_CLUSTER_KEY_RELOAD", "2s", "ODK_DECISION_TIMEOUT_MS", "20000", "ODK_DECISION_CONNECT_TIMEOUT_MS", "5000",
                "QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "PT30S"));
        a = cluster.nodes.get("a").url();
        b = cluster.nodes.get("b").url();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (integrator != null) {
            integrator.stop();
        }
    }

    @Test
    @Order(1)
    void theDemoFlowWorksWithEveryStepOnTheOtherInstance() throws Exception {
        call(a, "POST", "/api/app/v1/auth/otp", null, "{\"appUserId\":\"" + KARI + "\"}", 202);
        String code = call(b, "GET", "/api/sim/v1/sms?to=" + enc(KARI), ADMIN, null, 200).at("/messages/0/code").asText();
        String session = call(a, "POST", "/api/app/v1/auth/token", null,
                "{\"appUserId\":\"" + KARI + "\",\"code\":\"" + code + "\"}", 200).get("accessToken").asText();
        JsonNode sticker = call(b, "GET", "/t/demo-front", null, null, 200);
        assertThat(sticker.toString()).contains("demo-front-door");
        JsonNode granted = call(a, "POST", "/api/app/v1/locks/demo-front-door/access", session, "{}", 201);
        String keyId = granted.at("/key/id").asText();
        String token = granted.at("/key/token").asText();
        JsonNode again = call(b, "POST", "/api/app/v1/locks/demo-front-door/access", session, "{}", 200);
        assertThat(again.get("source").asText()).isEqualTo("existing");
        assertThat(again.at("/key/id").asText()).isEqualTo(keyId);
        assertThat(call(a, "GET", "/api/app/v1/keys/" + keyId, session, null, 200).get("token").asText()).isEqualTo(token);
        assertThat(call(b, "POST", "/api/sim/v1/locks/demo-front-door/unlock", null, "{\"key\":\"" + token + "\"}", 200).toString())
                .contains("unlocked");
        assertThat(call(a, "GET", "/api/admin/v1/projects/demo/decisions", ADMIN, null, 200).get("decisions").toString())
                .contains(KARI);
        assertThat(call(b, "GET", "/api/admin/v1/projects/demo/access-events", ADMIN, null, 200).toString()).contains(keyId);
    }

    @Test
    @Order(2)
    void twentyParallelTapsOverBothInstancesMakeOneIntegratorCallAndOneKey() throws Exception {
        String project = projectOnStubIntegrator();
        String lock = newLock(project);
        String user = newUser();
        String session = login(user);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<HttpResponse<String>>> taps = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String instance = i % 2 == 0 ? a : b;
                taps.add(pool.submit(() -> raw(instance, "POST", "/api/app/v1/locks/" + lock + "/access", session, "{}")));
            }
            Set<String> keyIds = new HashSet<>();
            Set<String> decisionIds = new HashSet<>();
            for (Future<HttpResponse<String>> tap : taps) {
                HttpResponse<String> response = tap.get(120, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
                JsonNode answer = JSON.readTree(response.body());
                keyIds.add(answer.at("/key/id").asText());
                if (response.statusCode() == 201) {
                    decisionIds.add(answer.get("decisionId").asText());
                }
            }
            // Taps coalesced in one instance share the first answer (201); later ones find the key (200).
            assertThat(keyIds).as("every tap got the same key").hasSize(1);
            assertThat(decisionIds).as("one decision").hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        integrator.verify(1, getRequestedFor(urlPathEqualTo("/check")).withQueryParam("lockId",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(lock)));
        assertThat(call(a, "GET", "/api/admin/v1/projects/" + project + "/keys?lockId=" + lock, ADMIN, null, 200).get("keys"))
                .hasSize(1);
    }

    @Test
    @Order(3)
    void timeTravelThroughOneInstanceIsSeenByTheOther() throws Exception {
        try {
            call(a, "PUT", "/api/sim/v1/clock", ADMIN, "{\"offsetSeconds\":86400}", 200);
            JsonNode clock = poll(() -> call(b, "GET", "/api/sim/v1/clock", ADMIN, null, 200),
                    c -> c.get("offsetSeconds").asLong() == 86400, Duration.ofSeconds(15));
            assertThat(Instant.parse(clock.get("now").asText())).isAfter(Instant.now().plus(Duration.ofHours(23)));
        } finally {
            call(b, "PUT", "/api/sim/v1/clock", ADMIN, "{\"offsetSeconds\":0}", 200);
            poll(() -> call(a, "GET", "/api/sim/v1/clock", ADMIN, null, 200), c -> c.get("offsetSeconds").asLong() == 0,
                    Duration.ofSeconds(15));
        }
    }

    @Test
    @Order(4)
    void aRotationOnOneIsPublishedByTheOtherAndKeysFromEitherVerifyOnBoth() throws Exception {
        String newKid = call(a, "POST", "/api/admin/v1/signing-keys/rotate", ADMIN, "{}", 201).get("kid").asText();
        assertThat(newKid).isNotBlank();
        poll(() -> JSON.readTree(raw(b, "GET", "/.well-known/jwks.json", null, null).body()),
                jwks -> jwks.toString().contains(newKid), Duration.ofSeconds(30));
        // After the reload bound both instances sign with the new key.
        String project = projectOnStubIntegrator();
        String session = login(newUser());
        Map<String, String> tokens = Map.of(
                a, call(a, "POST", "/api/app/v1/locks/" + newLock(project) + "/access", session, "{}", 201).at("/key/token").asText(),
                b, call(b, "POST", "/api/app/v1/locks/" + newLock(project) + "/access", session, "{}", 201).at("/key/token").asText());
        for (String minter : tokens.keySet()) {
            SignedJWT jwt = SignedJWT.parse(tokens.get(minter));
            for (String verifier : List.of(a, b)) {
                JWKSet jwks = JWKSet.parse(raw(verifier, "GET", "/.well-known/jwks.json", null, null).body());
                ECKey signer = (ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
                assertThat(signer).as("key minted on " + minter + " in the JWKS of " + verifier).isNotNull();
                assertThat(jwt.verify(new ECDSAVerifier(signer))).isTrue();
            }
            String lockId = jwt.getJWTClaimsSet().getAudience().get(0);
            String other = minter.equals(a) ? b : a;
            assertThat(call(other, "POST", "/api/sim/v1/locks/" + lockId + "/unlock", null,
                    "{\"key\":\"" + tokens.get(minter) + "\"}", 200).toString()).contains("unlocked");
        }
    }

    @Test
    @Order(5)
    void theRetentionJobRunsOncePerPeriodNotOncePerInstance() throws Exception {
        // The schedulers of both instances fire every period; the lease lets one of them run the job.
        List<Instant> runs = poll(() -> runs("retention"), r -> r.size() >= 6, Duration.ofSeconds(120));
        for (int i = 1; i < runs.size(); i++) {
            Duration gap = Duration.between(runs.get(i - 1), runs.get(i));
            assertThat(gap).as("gap between retention runs %s and %s", runs.get(i - 1), runs.get(i))
                    .isGreaterThanOrEqualTo(RETENTION_PERIOD.multipliedBy(9).dividedBy(10).minusMillis(50));
        }
    }

    @Test
    @Order(6)
    void killingOneInstanceMovesTrafficAndLosesNoAcknowledgedKey() throws Exception {
        String project = projectOnStubIntegrator();
        String session = login(newUser());
        List<String> locks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            locks.add(newLock(project));
        }
        List<String> acknowledged = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < locks.size(); i++) {
            if (i == 6) {
                cluster.kill("b");
            }
            HttpResponse<String> response = raw(cluster.lb(), "POST", "/api/app/v1/locks/" + locks.get(i) + "/access", session, "{}");
            statuses.add(response.statusCode());
            if (response.statusCode() == 201) {
                acknowledged.add(JSON.readTree(response.body()).at("/key/id").asText());
            }
        }
        // Right after the kill a request or two may fail until HAProxy's checks take b out; then all go to a.
        assertThat(statuses.subList(10, statuses.size())).as("statuses " + statuses).containsOnly(201);
        assertThat(acknowledged.size()).as("statuses " + statuses).isGreaterThanOrEqualTo(14);
        JsonNode keys = call(cluster.lb(), "GET", "/api/admin/v1/projects/" + project + "/keys?limit=1000", ADMIN, null, 200).get("keys");
        Set<String> stored = new HashSet<>();
        keys.forEach(k -> stored.add(k.get("id").asText()));
        assertThat(stored).containsAll(acknowledged);
    }

    @Test
    @Order(7)
    void theDemoWorksOnTheInstanceLeftWhenItsStoredUrlNamesTheKilledOne() throws Exception {
        // As if b had started last (each start refreshes the demo's stored URL to its own port), then died (test 6).
        String bIntegrator = "http://localhost:" + cluster.nodes.get("b").port + "/integrator/check-access";
        try (Connection connection = cluster.sql();
             PreparedStatement update = connection.prepareStatement("update on_demand_configs set url = ? where project_id = 'demo'")) {
            update.setString(1, bIntegrator);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        assertThat(call(a, "GET", "/api/admin/v1/projects/demo/on-demand", ADMIN, null, 200).get("url").asText()).isEqualTo(bIntegrator);
        String lock = "demo-cluster-" + UUID.randomUUID().toString().substring(0, 8);
        call(a, "POST", "/api/admin/v1/projects/demo/locks", ADMIN, "{\"id\":\"" + lock + "\",\"name\":\"Cluster door\"}", 201);
        call(a, "POST", "/integrator/admin/locations", ADMIN, "{\"id\":\"loc-" + lock + "\",\"name\":\"Cluster\",\"lockIds\":[\"" + lock + "\"]}", 201);
        Instant now = Instant.now();
        call(a, "POST", "/integrator/admin/tasks", ADMIN, "{\"workerId\":\"kari\",\"locationId\":\"loc-" + lock
                + "\",\"title\":\"Cluster\",\"start\":\"" + now.minusSeconds(60) + "\",\"end\":\"" + now.plusSeconds(3600) + "\"}", 201);
        call(a, "POST", "/api/app/v1/auth/otp", null, "{\"appUserId\":\"" + KARI + "\"}", 202);
        String code = call(a, "GET", "/api/sim/v1/sms?to=" + enc(KARI), ADMIN, null, 200).at("/messages/0/code").asText();
        String session = call(a, "POST", "/api/app/v1/auth/token", null,
                "{\"appUserId\":\"" + KARI + "\",\"code\":\"" + code + "\"}", 200).get("accessToken").asText();

        call(a, "POST", "/api/app/v1/locks/" + lock + "/access", session, "{}", 201);
        JsonNode decision = call(a, "GET", "/api/admin/v1/projects/demo/decisions?limit=1", ADMIN, null, 200).at("/decisions/0");
        assertThat(decision.get("lockId").asText()).isEqualTo(lock);
        assertThat(decision.at("/request/url").asText()).as("the call went to a's own integrator")
                .startsWith("http://localhost:" + cluster.nodes.get("a").port + "/integrator/check-access");
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private static String projectOnStubIntegrator() throws Exception {
        String project = "p-" + UUID.randomUUID().toString().substring(0, 8);
        call(cluster.lb(), "POST", "/api/admin/v1/projects", ADMIN, "{\"id\":\"" + project + "\",\"name\":\"Cluster " + project + "\"}", 201);
        call(cluster.lb(), "PUT", "/api/admin/v1/projects/" + project + "/on-demand", ADMIN,
                "{\"enabled\":true,\"url\":\"http://127.0.0.1:" + integrator.port() + "/check\","
                        + "\"auth\":{\"type\":\"header\",\"headerName\":\"X-Api-Key\",\"headerValue\":\"cluster-secret-1234\"}}", 200);
        return project;
    }

    private static String newLock(String project) throws Exception {
        String lock = "lock-" + UUID.randomUUID().toString().substring(0, 8);
        call(cluster.lb(), "POST", "/api/admin/v1/projects/" + project + "/locks", ADMIN,
                "{\"id\":\"" + lock + "\",\"name\":\"Door " + lock + "\"}", 201);
        return lock;
    }

    private static String newUser() {
        return "+4741" + String.format("%06d", java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000));
    }

    /** OTP login with every step on the other instance. */
    private static String login(String user) throws Exception {
        call(a, "POST", "/api/app/v1/auth/otp", null, "{\"appUserId\":\"" + user + "\"}", 202);
        String code = call(b, "GET", "/api/sim/v1/sms?to=" + enc(user), ADMIN, null, 200).at("/messages/0/code").asText();
        return call(a, "POST", "/api/app/v1/auth/token", null, "{\"appUserId\":\"" + user + "\",\"code\":\"" + code + "\"}", 200)
                .get("accessToken").asText();
    }

    private static List<Instant> runs(String job) throws Exception {
        List<Instant> runs = new ArrayList<>();
        try (Connection connection = cluster.sql();
             PreparedStatement select = connection.prepareStatement(
                     "select started_at from cluster_job_runs where job = ? order by started_at")) {
            select.setString(1, job);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    runs.add(rows.getTimestamp(1).toInstant());
                }
            }
        }
        return runs;
    }

    private static JsonNode call(String base, String method, String path, String bearer, String body, int expected) throws Exception {
        HttpResponse<String> response = raw(base, method, path, bearer, body);
        assertThat(response.statusCode()).as(method + " " + base + path + " → " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static HttpResponse<String> raw(String base, String method, String path, String bearer, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return cluster.send(request, bearer);
    }

    private static <T> T poll(Callable<T> probe, java.util.function.Predicate<T> done, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = probe.call();
        while (!done.test(last)) {
            assertThat(System.nanoTime()).as("condition not met within " + limit + "; last: " + last).isLessThan(deadline);
            Thread.sleep(100);
            last = probe.call();
        }
        return last;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
