package dev.odksim.lock;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.odksim.key.KeyService;
import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/security.md finding 4: the virtual locks' endpoints need no token, so an attempt with a key whose signature does
 * not verify writes no one's identity into the unlock log, and attempts are bounded per lock and per client address in
 * the database: under a burst exactly the limit passes and the rest get a clean 429 with Retry-After.
 */
@QuarkusTest
class LockAttemptsTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private static List<Map<String, Object>> events(String lock) {
        List<Map<String, Object>> all = Api.admin().queryParam("limit", 1000).get("/api/admin/v1/projects/demo/access-events")
                .then().statusCode(200).extract().path("accessEvents");
        return all.stream().filter(e -> lock.equals(e.get("lockId"))).toList();
    }

    @Test
    void aForgedSignatureRecordsNoUnverifiedIdentity() throws Exception {
        String lock = Api.newLock("demo");
        RestAssured.given().post("/api/sim/v1/locks/" + lock + "/sync").then().statusCode(200);
        String kid = JWKSet.parse(RestAssured.get("/.well-known/jwks.json").asString()).getKeys().get(0).getKeyID();
        ECKey forger = new ECKeyGenerator(Curve.P_256).generate();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("odk-sim").subject("+4711111111").jwtID("forged-key-id")
                .audience(lock).notBeforeTime(new Date(System.currentTimeMillis() - 60_000))
                .expirationTime(new Date(System.currentTimeMillis() + 3_600_000)).build();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(KeyService.KEY_TYPE).keyID(kid).build(), claims);
        forged.sign(new ECDSASigner(forger));
        Response refused = Api.unlock(lock, forged.serialize());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.<String>path("reason")).isEqualTo("BAD_SIGNATURE");
        SignedJWT unknownKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(KeyService.KEY_TYPE).keyID("no-such-kid").build(), claims);
        unknownKid.sign(new ECDSASigner(forger));
        assertThat(Api.unlock(lock, unknownKid.serialize()).<String>path("reason")).isEqualTo("UNKNOWN_SIGNING_KEY");

        List<Map<String, Object>> events = events(lock);
        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(e.get("result")).isEqualTo("refused");
            assertThat(e.get("appUserId")).isNull();
            assertThat(e.get("keyId")).isNull();
        });
    }

    /**
     * Runs {@code body} right after a minute of the simulator clock began (the limits count per minute), so a burst
     * does not straddle two minutes; restores the clock after.
     */
    private static void atTheStartOfAMinute(ThrowingRunnable body) throws Exception {
        Response clock = Api.admin().get("/api/sim/v1/clock");
        long offset = ((Number) clock.path("offsetSeconds")).longValue();
        long now = java.time.Instant.parse(clock.<String>path("now")).getEpochSecond();
        Api.travel(offset + 60 - Math.floorMod(now, 60) + 1);
        try {
            body.run();
        } finally {
            Api.travel(offset);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aBurstAtOneLockPassesExactlyTheLimit() throws Exception {
        atTheStartOfAMinute(this::burst);
    }

    private void burst() throws Exception {
        String lock = Api.newLock("demo");
        String other = Api.newLock("demo");
        int attempts = 75;
        ExecutorService pool = Executors.newFixedThreadPool(15);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return RestAssured.given().post("/api/sim/v1/locks/" + lock + "/challenge");
            }));
        }
        start.countDown();
        int ok = 0;
        int limited = 0;
        for (Future<Response> f : answers) {
            Response r = f.get();
            if (r.statusCode() == 200) {
                ok++;
            } else {
                Api.assertProblem(r, 429);
                assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(1, 60);
                assertThat(r.<String>path("reason")).isEqualTo("RATE_LIMITED");
                limited++;
            }
        }
        pool.shutdown();
        assertThat(ok).as("exactly the limit passes").isEqualTo(60);
        assertThat(ok + limited).isEqualTo(attempts);
        Api.assertProblem(Api.unlock(lock, "not-a-key"), 429);
        assertThat(RestAssured.given().post("/api/sim/v1/locks/" + other + "/challenge").statusCode()).isEqualTo(200);
    }

    @Test
    void oneClientAddressIsBoundedOverAllLocks() throws Exception {
        atTheStartOfAMinute(this::addressBurst);
    }

    private void addressBurst() throws IOException {
        // From 127.0.0.2, a client address no other test uses; unknown locks still count against the address.
        int limit = 600;
        for (int i = 0; i < limit; i++) {
            assertThat(rawUnlockFrom("127.0.0.2", "no-such-lock-" + i)).as("attempt " + i).startsWith("HTTP/1.1 404");
        }
        String refused = rawUnlockFrom("127.0.0.2", "demo-front-door");
        assertThat(refused).startsWith("HTTP/1.1 429").containsIgnoringCase("retry-after:").contains("RATE_LIMITED");
        assertThat(rawUnlockFrom("127.0.0.3", "no-such-lock")).startsWith("HTTP/1.1 404");
    }

    private String rawUnlockFrom(String address, String lock) throws IOException {
        byte[] body = "{\"key\":\"x.y.z\"}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/sim/v1/locks/" + lock + "/unlock HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
