package dev.odksim.key;

import com.nimbusds.jwt.SignedJWT;
import dev.odksim.retention.RetentionJob;
import dev.odksim.testing.Api;
import dev.odksim.testing.Worker;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Unloc key states under time travel, revocation at an offline lock, and abandoned mints. */
@QuarkusTest
class KeyLifecycleTest {

    @Inject
    KeyService keyService;
    @Inject
    RetentionJob retention;

    @AfterEach
    void backToRealTime() {
        Api.travel(0);
    }

    static Map<String, Object> entry(String lock, String user, Instant start, Instant end) {
        Map<String, Object> e = new HashMap<>(Map.of("lockId", lock, "appUserId", user));
        if (start != null) {
            e.put("start", start.toString());
        }
        if (end != null) {
            e.put("end", end.toString());
        }
        return e;
    }

    static Map<String, Object> assign(String project, Map<String, Object> entry) {
        return Api.admin().body(Map.of("keys", List.of(entry))).post("/api/admin/v1/projects/" + project + "/keys")
                .then().statusCode(201).extract().path("keys[0]");
    }

    static String state(String keyId) {
        return Api.admin().get("/api/admin/v1/projects/demo/keys/" + keyId).then().statusCode(200).extract().path("state");
    }

    static List<String> idsInState(String lock, String state) {
        return Api.admin().queryParam("lockId", lock).queryParam("state", state).get("/api/admin/v1/projects/demo/keys")
                .then().statusCode(200).extract().path("keys.id");
    }

    @Test
    void assignedKeyIsScheduledThenActiveThenExpiredByTheClockAndIsTheExistingKey() {
        Worker worker = Worker.withTaskAtNewDemoLock();
        String lock = Api.newLock("demo");  // no integrator task here: only the assigned key can open it
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> key = assign("demo", entry(lock, worker.phone(), now.plusSeconds(3600), now.plusSeconds(7200)));
        String id = (String) key.get("id");
        assertThat(key.get("state")).isEqualTo("scheduled");
        assertThat(key.get("source")).isEqualTo("assigned");
        assertThat(idsInState(lock, "scheduled")).containsExactly(id);
        Response early = Api.unlock(lock, (String) key.get("token"));
        assertThat(early.<String>path("reason")).isEqualTo("NOT_YET_VALID");
        String session = Api.login(worker.phone());
        assertThat(Api.requestAccess(session, lock).statusCode()).as("a scheduled key does not count").isEqualTo(403);

        Api.travel(3600 + 60);
        assertThat(state(id)).isEqualTo("active");
        assertThat(idsInState(lock, "active")).containsExactly(id);
        Response existing = Api.requestAccess(Api.login(worker.phone()), lock);
        assertThat(existing.statusCode()).as(existing.asString()).isEqualTo(200);
        assertThat(existing.<String>path("source")).isEqualTo("existing");
        assertThat(existing.<String>path("key.id")).isEqualTo(id);
        assertThat(Api.unlock(lock, (String) key.get("token")).statusCode()).isEqualTo(200);

        Api.travel(7200 + 60);
        assertThat(state(id)).isEqualTo("expired");
        assertThat(idsInState(lock, "expired")).containsExactly(id);
        assertThat(idsInState(lock, "active")).isEmpty();
        assertThat(Api.unlock(lock, (String) key.get("token")).<String>path("reason")).isEqualTo("EXPIRED");
        Api.assertProblem(Api.admin().body("{}").post("/api/admin/v1/projects/demo/keys/" + id + "/revoke"), 409);
    }

    @Test
    void revocationNeverDeletesAndTheLockRefusesTheKeyAfterItsNextSync() {
        String lock = Api.newLock("demo");
        Map<String, Object> key = assign("demo", entry(lock, Api.OLA, null, null));
        String id = (String) key.get("id");
        String token = (String) key.get("token");
        assertThat(key.get("state")).isEqualTo("active");
        assertThat(Api.unlock(lock, token).statusCode()).as("the lock syncs at its first unlock").isEqualTo(200);

        Response revoked = Api.admin().body(Map.of("reason", "phone lost")).post("/api/admin/v1/projects/demo/keys/" + id + "/revoke");
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.<String>path("state")).isEqualTo("revoked");
        assertThat(revoked.<String>path("revokedReason")).isEqualTo("phone lost");
        assertThat(idsInState(lock, "revoked")).containsExactly(id);
        assertThat(Api.admin().delete("/api/admin/v1/projects/demo/keys/" + id).then().statusCode(200).extract().<String>path("state"))
                .as("DELETE revokes too, and revoking again changes nothing").isEqualTo("revoked");

        // Offline, the lock still trusts its last revocation list...
        assertThat(Api.unlock(lock, token).statusCode()).isEqualTo(200);
        // ...until its next sync: explicit here, or on the first unlock after the sync interval (SharedPhoneTest).
        Response synced = RestAssured.given().post("/api/sim/v1/locks/" + lock + "/sync");
        assertThat(synced.<List<String>>path("revokedKeyIds")).containsExactly(id);
        Response refused = Api.unlock(lock, token);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.<String>path("reason")).isEqualTo("REVOKED");

        Api.travel(6 * 60);
        assertThat(Api.unlock(lock, token).<String>path("reason")).isEqualTo("REVOKED");
        assertThat(state(id)).as("the key still exists").isEqualTo("revoked");
    }

    @Test
    void theRevocationListIsSignedForItsLockAndVerifiesWithTheJwks() throws Exception {
        String lock = Api.newLock("demo");
        String id = (String) assign("demo", entry(lock, Api.OLA, null, null)).get("id");
        Api.admin().body("{}").post("/api/admin/v1/projects/demo/keys/" + id + "/revoke").then().statusCode(200);
        String list = RestAssured.get("/api/lock/v1/locks/" + lock + "/revocations").then().statusCode(200).extract().path("revocationList");
        SignedJWT jwt = SignedJWT.parse(list);
        com.nimbusds.jose.jwk.JWKSet jwks = com.nimbusds.jose.jwk.JWKSet.parse(RestAssured.get("/.well-known/jwks.json").asString());
        assertThat(jwt.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(
                (com.nimbusds.jose.jwk.ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID())))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(lock);
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("revoked")).containsExactly(id);
        Api.assertProblem(RestAssured.get("/api/lock/v1/locks/no-such-lock/revocations"), 404);
    }

    @Test
    void aKeyAbandonedWhileCreatingBecomesErrorAndOpensNothing() {
        String lock = Api.newLock("demo");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String id = QuarkusTransaction.requiringNew().call(() -> keyService.reserve(
                new KeyService.KeyRequest("demo", lock, Api.OLA, now, now.plusSeconds(600), "assigned", null)).id);
        assertThat(state(id)).isEqualTo("creating");
        assertThat(Api.admin().get("/api/admin/v1/projects/demo/keys/" + id).then().extract().<String>path("token")).isNull();

        retention.run();
        assertThat(state(id)).as("not yet past the creating timeout").isEqualTo("creating");
        Api.travel(2 * 60);
        assertThat(retention.run().abandonedKeys()).isGreaterThanOrEqualTo(1);
        assertThat(state(id)).isEqualTo("error");
        assertThat(idsInState(lock, "error")).containsExactly(id);
    }

    @Test
    void aKeyRevokedWhileCreatingIsNeverSigned() {
        String lock = Api.newLock("demo");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String id = QuarkusTransaction.requiringNew().call(() -> keyService.reserve(
                new KeyService.KeyRequest("demo", lock, Api.OLA, now, now.plusSeconds(600), "assigned", null)).id);
        // e.g. the session that asked for it logged out between the reservation and the signing
        Api.admin().body(Map.of("reason", "session ended")).post("/api/admin/v1/projects/demo/keys/" + id + "/revoke")
                .then().statusCode(200);

        assertThatThrownBy(() -> keyService.issueAllById(List.of(id)))
                .isInstanceOfSatisfying(dev.odksim.common.ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
        Response stored = Api.admin().get("/api/admin/v1/projects/demo/keys/" + id);
        assertThat(stored.<String>path("state")).isEqualTo("revoked");
        assertThat(stored.<String>path("token")).isNull();
    }

    @Test
    void aTimeBeyondRfc3339sFourDigitYearsIsABadEntryNotAFailedKey() {
        String lock = Api.newLock("demo");
        Map<String, Object> far = new HashMap<>(Map.of("lockId", lock, "appUserId", Api.OLA,
                "start", "+999999999-12-31T22:00:00Z", "end", "+999999999-12-31T23:00:00Z"));
        Response refused = Api.assertProblem(Api.admin().body(Map.of("keys", List.of(far))).post("/api/admin/v1/projects/demo/keys"), 400);
        assertThat(refused.<List<String>>path("invalidParams.name")).containsExactly("keys[0].start", "keys[0].end");
        assertThat(Api.keys("demo", lock)).as("nothing stored, not even an error key").isEmpty();
    }

    @Test
    void aBatchWithBadEntriesCreatesNothingAndNamesEachBadIndex() {
        String lock = Api.newLock("demo");
        String foreignLock = Api.newLock(Api.projectCalling("http://localhost:1/none", Map.of()));
        Instant now = Instant.now();
        List<Object> batch = new ArrayList<>();
        batch.add(entry(lock, Api.KARI, null, null));
        batch.add(entry(lock, "12345", null, null));
        batch.add(entry(foreignLock, Api.KARI, null, null));
        batch.add(entry(lock, Api.KARI, now.plusSeconds(600), now.plusSeconds(60)));
        batch.add(Map.of("lockId", lock, "appUserId", Api.OLA, "start", "yesterday"));
        batch.add(null);
        batch.add(entry(lock, Api.OLA, now.minusSeconds(7200), now.minusSeconds(3600)));
        batch.add(Map.of("appUserId", Api.OLA));
        Response bad = Api.assertProblem(Api.admin().body(Map.of("keys", batch)).post("/api/admin/v1/projects/demo/keys"), 400);
        assertThat(bad.<List<String>>path("invalidParams.name")).containsExactly("keys[1].appUserId", "keys[2].lockId",
                "keys[3].end", "keys[4].start", "keys[5]", "keys[6].end", "keys[7].lockId");
        assertThat(Api.keys("demo", lock)).as("nothing created").isEmpty();

        Api.assertProblem(Api.admin().body(Map.of("keys", List.of())).post("/api/admin/v1/projects/demo/keys"), 400);
        Api.assertProblem(Api.admin().body("{}").post("/api/admin/v1/projects/demo/keys"), 400);
        Api.admin().body(Map.of("keys", List.of(entry(lock, Api.KARI, null, null), entry(lock, "+47 987 65 432", null, null))))
                .post("/api/admin/v1/projects/demo/keys").then().statusCode(201);
        assertThat(Api.keys("demo", lock)).extracting(k -> k.get("appUserId")).containsExactlyInAnyOrder(Api.KARI, Api.OLA);
    }

    @Test
    void paginationReturnsEveryKeyExactlyOnce() {
        String project = Api.projectCalling("http://localhost:1/none", Map.of());
        String lock = Api.newLock(project);
        List<Object> batch = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            batch.add(entry(lock, i % 2 == 0 ? Api.KARI : Api.OLA, null, null));
        }
        List<String> created = Api.admin().body(Map.of("keys", batch)).post("/api/admin/v1/projects/" + project + "/keys")
                .then().statusCode(201).extract().path("keys.id");
        assertThat(walk(project, Map.of())).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();
        assertThat(walk(project, Map.of("appUserId", Api.OLA, "state", "active"))).hasSize(11).doesNotHaveDuplicates();
        Api.assertProblem(Api.admin().queryParam("limit", 0).get("/api/admin/v1/projects/" + project + "/keys"), 400);
        Api.assertProblem(Api.admin().queryParam("limit", "ten").get("/api/admin/v1/projects/" + project + "/keys"), 400);
        Api.assertProblem(Api.admin().queryParam("state", "issued").get("/api/admin/v1/projects/" + project + "/keys"), 400);
    }

    private static List<String> walk(String project, Map<String, Object> filters) {
        List<String> seen = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < 20; pages++) {
            var request = Api.admin().queryParams(filters).queryParam("limit", 5);
            if (after != null) {
                request.queryParam("startAfterId", after);
            }
            Response page = request.get("/api/admin/v1/projects/" + project + "/keys").then().statusCode(200).extract().response();
            List<String> ids = page.path("keys.id");
            assertThat(ids.size()).isLessThanOrEqualTo(5);
            seen.addAll(ids);
            after = page.path("nextStartAfterId");
            if (after == null) {
                return seen;
            }
        }
        throw new AssertionError("pagination did not end");
    }

    @Test
    void retentionPurgesExpiredKeysOldDecisionsAndEventsButKeepsLiveKeys() {
        Worker worker = Worker.withTaskAtNewDemoLock();
        String session = Api.login(worker.phone());
        Response granted = Api.requestAccess(session, worker.lock());
        assertThat(granted.statusCode()).isEqualTo(201);
        String onDemandId = granted.path("key.id");
        String decisionId = granted.path("decisionId");
        Api.unlock(worker.lock(), granted.path("key.token")).then().statusCode(200);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String longKey = (String) assign("demo", entry(worker.lock(), worker.phone(), now, now.plusSeconds(60L * 86400))).get("id");

        Api.travel(10L * 86400);
        retention.run();
        assertThat(state(onDemandId)).as("expired 10 days ago: kept for 30").isEqualTo("expired");

        Api.travel(31L * 86400);
        RetentionJob.Purged purged = retention.run();
        assertThat(purged.keys()).isGreaterThanOrEqualTo(1);
        assertThat(purged.decisions()).isGreaterThanOrEqualTo(1);
        Api.assertProblem(Api.admin().get("/api/admin/v1/projects/demo/keys/" + onDemandId), 404);
        assertThat(state(longKey)).isEqualTo("active");
        assertThat(Api.decisions("demo")).extracting(d -> d.get("id")).doesNotContain(decisionId);
    }
}
