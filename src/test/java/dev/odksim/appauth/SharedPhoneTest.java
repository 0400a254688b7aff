package dev.odksim.appauth;

import dev.odksim.testing.Api;
import dev.odksim.testing.Device;
import dev.odksim.testing.IdentityProviderStub;
import dev.odksim.testing.Race;
import dev.odksim.common.DeviceKeys;
import dev.odksim.key.KeyService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static dev.odksim.testing.Api.KARI;
import static dev.odksim.testing.Api.OLA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared phone of docs/design.md: workers log in through the organisation's identity provider at shift start, on one device.
 * "The first worker's keys cannot be used through the second session" means: the first session ends (its token is
 * 401) when the second worker logs in on the device; the second session cannot list or download the first worker's
 * keys (404); the device key must be fresh per login (409 on reuse), so the new session cannot prove the old keys; and
 * the old session's device-bound keys are revoked, which the lock enforces after its next sync.
 */
@QuarkusTest
class SharedPhoneTest {

    @Inject
    KeyService keys;
    private String project;
    private String lock;
    private IdentityProviderStub idp;
    private String deviceId;

    @BeforeEach
    void projectWithIdpAndAnIntegratorGrantingBothWorkers() {
        project = Api.projectCalling("http://localhost:" + RestAssured.port + "/integrator/check-access",
                Map.of("auth", Map.of("type", "header", "headerName", "X-Api-Key", "headerValue", "demo-integrator-key")));
        lock = Api.newLock(project);
        String location = Api.uniqueId("loc");
        Api.admin().body(Map.of("id", location, "name", "Warehouse", "lockIds", List.of(lock)))
                .post("/integrator/admin/locations").then().statusCode(201);
        Instant now = Instant.now();
        for (String worker : List.of("kari", "ola")) {
            Api.admin().body(Map.of("workerId", worker, "locationId", location, "title", "Shift",
                    "start", now.minusSeconds(60).toString(), "end", now.plusSeconds(8 * 3600).toString()))
                    .post("/integrator/admin/tasks").then().statusCode(201);
        }
        idp = new IdentityProviderStub();
        idp.trustedBy(project);
        deviceId = Api.uniqueId("shared-phone");
    }

    @AfterEach
    void backToRealTime() {
        Api.travel(0);
    }

    private String shiftLogin(String phone, Device device) {
        Map<String, Object> body = new java.util.HashMap<>(device.loginFields(deviceId));
        body.put("projectId", project);
        body.put("subjectToken", idp.token(phone));
        Response login = IdentityProviderStub.exchange(body);
        assertThat(login.statusCode()).as(login.asString()).isEqualTo(200);
        return login.path("accessToken");
    }

    private Response grantedKey(String session) {
        Response granted = Api.requestAccess(session, lock);
        assertThat(granted.statusCode()).as(granted.asString()).isEqualTo(201);
        assertThat(granted.<Boolean>path("key.deviceBound")).isTrue();
        return granted;
    }

    @Test
    void twoWorkersOnOnePhoneEachGetKeysBoundToTheirOwnFreshDeviceKey() {
        Device kariKey = Device.fresh();
        String kari = shiftLogin(KARI, kariKey);
        Response kariGrant = grantedKey(kari);
        String kariKeyId = kariGrant.path("key.id");
        String kariToken = kariGrant.path("key.token");
        assertThat(kariKey.unlock(lock, kariToken).statusCode()).isEqualTo(200);

        // Kari's shift ends.
        Api.app(kari).post("/api/app/v1/auth/logout").then().statusCode(204);
        Api.assertProblem(Api.app(kari).get("/api/app/v1/keys"), 401);

        // Ola picks up the phone. Re-registering Kari's device key is refused: each login needs a fresh key.
        Map<String, Object> reuse = new java.util.HashMap<>(kariKey.loginFields(deviceId));
        reuse.put("projectId", project);
        reuse.put("subjectToken", idp.token(OLA));
        Response reused = Api.assertProblem(IdentityProviderStub.exchange(reuse), 409);
        assertThat(reused.<String>path("reason")).isEqualTo("DEVICE_KEY_REUSED");

        Device olaKey = Device.fresh();
        String ola = shiftLogin(OLA, olaKey);
        Response olaGrant = grantedKey(ola);
        assertThat(olaGrant.<String>path("key.appUserId")).isEqualTo(OLA);
        assertThat(olaKey.unlock(lock, olaGrant.path("key.token")).statusCode()).isEqualTo(200);

        // Kari's key cannot be used through Ola's session: not listed, not downloadable, not provable with Ola's device key.
        assertThat(Api.app(ola).get("/api/app/v1/keys").then().statusCode(200).extract().<List<String>>path("keys.id"))
                .containsExactly(olaGrant.<String>path("key.id"));
        Api.assertProblem(Api.app(ola).get("/api/app/v1/keys/" + kariKeyId), 404);
        Response mismatch = olaKey.unlock(lock, kariToken);
        assertThat(mismatch.<String>path("reason")).isEqualTo("DEVICE_KEY_MISMATCH");

        // Logout revoked Kari's bound key; a lock learns it at its next sync, even from a phone that kept Kari's private key.
        Map<String, Object> kariKeyNow = Api.admin().get("/api/admin/v1/projects/" + project + "/keys/" + kariKeyId)
                .then().statusCode(200).extract().path("");
        assertThat(kariKeyNow.get("state")).isEqualTo("revoked");
        assertThat((String) kariKeyNow.get("revokedReason")).contains("logout");
        RestAssured.given().post("/api/sim/v1/locks/" + lock + "/sync").then().statusCode(200);
        assertThat(kariKey.unlock(lock, kariToken).<String>path("reason")).isEqualTo("REVOKED");
    }

    @Test
    void aSecondLoginOnTheDeviceEndsTheFirstSessionEvenWithoutLogout() {
        Device kariKey = Device.fresh();
        String kari = shiftLogin(KARI, kariKey);
        String kariToken = grantedKey(kari).path("key.token");
        assertThat(kariKey.unlock(lock, kariToken).statusCode()).as("the lock syncs here").isEqualTo(200);

        String ola = shiftLogin(OLA, Device.fresh());
        Response ended = Api.assertProblem(Api.app(kari).get("/api/app/v1/keys"), 401);
        assertThat(ended.<String>path("detail")).contains("log in again");
        Api.assertProblem(Api.requestAccess(kari, lock), 401);
        Api.app(ola).get("/api/app/v1/keys").then().statusCode(200);

        // The offline lock has not heard of the revocation yet: the window is its sync interval (5 min)...
        assertThat(kariKey.unlock(lock, kariToken).statusCode()).isEqualTo(200);
        // ...after which it syncs at the next unlock attempt and refuses the key.
        Api.travel(6 * 60);
        assertThat(kariKey.unlock(lock, kariToken).<String>path("reason")).isEqualTo("REVOKED");
    }

    @Test
    void aLoginAfterTheFirstSessionExpiredStillRevokesItsBoundKeys() {
        // Fresh numbers: these logins stay clear of the OTP request limits of Kari's and Ola's demo numbers.
        String first = "+4741" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        String second = "+4791" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        Device firstKey = Device.fresh();
        Api.login(first, firstKey.loginFields(deviceId));
        // A bound key outliving the first session (1 h), as an integrator granting a whole shift would give.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String keyId = keys.mintAll(List.of(new KeyService.KeyRequest(project, lock, first, now, now.plusSeconds(8 * 3600), "on-demand", null)
                .boundTo(DeviceKeys.require("devicePublicKey", dev.odksim.common.JsonWebKey.of(firstKey.publicJwk()))))).get(0).id;

        Api.travel(61 * 60);
        Api.login(second, Device.fresh().loginFields(deviceId));
        Map<String, Object> firstKeyNow = Api.admin().get("/api/admin/v1/projects/" + project + "/keys/" + keyId)
                .then().statusCode(200).extract().path("");
        assertThat(firstKeyNow.get("state")).isEqualTo("revoked");
        assertThat((String) firstKeyNow.get("revokedReason")).contains("replaced");
    }

    @Test
    void aReturningWorkerGetsANewKeyBoundToTheNewDeviceKeyNotTheOldOne() {
        String first = shiftLogin(KARI, Device.fresh());
        String oldKeyId = grantedKey(first).path("key.id");
        Api.app(first).post("/api/app/v1/auth/logout").then().statusCode(204);

        Device next = Device.fresh();
        String second = shiftLogin(KARI, next);
        Response renewed = grantedKey(second);
        assertThat(renewed.<String>path("source")).isEqualTo("on-demand");
        assertThat(renewed.<String>path("key.id")).isNotEqualTo(oldKeyId);
        assertThat(next.unlock(lock, renewed.path("key.token")).statusCode()).isEqualTo(200);
    }

    @Test
    void aLogoutRacingTheMintOfABoundKeyNeverLeavesThatKeyUsable() throws Exception {
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (int round = 0; round < 12; round++) {
            String session = shiftLogin(KARI, Device.fresh());
            List<Response> outcomes = Race.run(List.of(
                    () -> Api.requestAccess(session, lock),
                    () -> Api.app(session).post("/api/app/v1/auth/logout")));
            assertThat(outcomes.get(1).statusCode()).as("round %d: logout", round).isEqualTo(204);
            Response access = outcomes.get(0);
            seen.add(access.statusCode());
            if (access.statusCode() == 201) {
                // Stored before the session ended: the end found it and revoked it with the device's other keys.
                String keyId = access.path("key.id");
                assertThat(Api.admin().get("/api/admin/v1/projects/" + project + "/keys/" + keyId).then().statusCode(200)
                        .extract().<String>path("state")).as("round %d: the key granted as the session ended", round).isEqualTo("revoked");
            } else {
                // The session ended first: refused at the door (401), or after the decision, with no key stored (409)
                // and the decision recorded all the same.
                assertThat(access.statusCode()).as("round %d: %s", round, access.asString()).isIn(401, 409);
                if (access.statusCode() == 409) {
                    assertThat(access.<String>path("reason")).isEqualTo("KEY_WITHDRAWN");
                    assertThat(Api.decisions(project)).extracting(d -> d.get("id")).contains(access.<String>path("decisionId"));
                }
            }
        }
        assertThat(Api.keys(project, lock)).as("outcomes seen: %s", seen)
                .noneMatch(key -> KARI.equals(key.get("appUserId")) && "active".equals(key.get("state")));
    }
}
