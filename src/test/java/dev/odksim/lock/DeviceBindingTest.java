package dev.odksim.lock;

import com.nimbusds.jwt.SignedJWT;
import dev.odksim.testing.Api;
import dev.odksim.testing.Device;
import dev.odksim.testing.Worker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.odksim.testing.Api.KARI;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/design.md §7.3 at the virtual lock: a device-bound key opens only with a fresh challenge signed by its device key. */
@QuarkusTest
class DeviceBindingTest {

    @AfterEach
    void backToRealTime() {
        Api.travel(0);
    }

    private record Bound(String lock, String token, Device device) {
    }

    private static Bound boundKeyForAWorker() {
        Worker worker = Worker.withTaskAtNewDemoLock();
        String lock = worker.lock();
        Device phone = Device.fresh();
        String session = Api.login(worker.phone(), phone.loginFields(Api.uniqueId("phone")));
        Response granted = Api.requestAccess(session, lock);
        assertThat(granted.statusCode()).as(granted.asString()).isEqualTo(201);
        assertThat(granted.<Boolean>path("key.deviceBound")).isTrue();
        return new Bound(lock, granted.path("key.token"), phone);
    }

    @Test
    void boundKeyCarriesTheDeviceKeyAsCnfAndOpensWithItsSignedChallenge() throws Exception {
        Bound bound = boundKeyForAWorker();
        Map<String, Object> cnf = SignedJWT.parse(bound.token()).getJWTClaimsSet().getJSONObjectClaim("cnf");
        assertThat(cnf.get("jwk")).isEqualTo(bound.device().publicJwk());

        Response unlocked = bound.device().unlock(bound.lock(), bound.token());
        assertThat(unlocked.statusCode()).as(unlocked.asString()).isEqualTo(200);
        assertThat(unlocked.<String>path("result")).isEqualTo("unlocked");
    }

    @Test
    void copiedBoundKeyFailsFromAnotherDeviceKey() {
        Bound bound = boundKeyForAWorker();
        Device thief = Device.fresh();
        Response refused = thief.unlock(bound.lock(), bound.token());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.<String>path("reason")).isEqualTo("DEVICE_KEY_MISMATCH");

        Response withoutProof = Api.unlock(bound.lock(), bound.token());
        assertThat(withoutProof.statusCode()).isEqualTo(403);
        assertThat(withoutProof.<String>path("reason")).isEqualTo("PROOF_REQUIRED");
    }

    @Test
    void aChallengeIsSingleUseShortLivedAndBoundToItsLock() {
        Bound bound = boundKeyForAWorker();
        String nonce = Device.challenge(bound.lock());
        String proof = bound.device().proof(bound.lock(), nonce);
        assertThat(Device.unlockWithProof(bound.lock(), bound.token(), proof).statusCode()).isEqualTo(200);
        Response replayed = Device.unlockWithProof(bound.lock(), bound.token(), proof);
        assertThat(replayed.statusCode()).isEqualTo(403);
        assertThat(replayed.<String>path("reason")).isEqualTo("CHALLENGE_INVALID");

        String stale = Device.challenge(bound.lock());
        Api.travel(31);
        Response late = Device.unlockWithProof(bound.lock(), bound.token(), bound.device().proof(bound.lock(), stale));
        assertThat(late.<String>path("reason")).isEqualTo("CHALLENGE_INVALID");
        Api.travel(0);

        String otherLock = Api.newLock("demo");
        String foreignNonce = Device.challenge(otherLock);
        Response foreign = Device.unlockWithProof(bound.lock(), bound.token(), bound.device().proof(bound.lock(), foreignNonce));
        assertThat(foreign.<String>path("reason")).isEqualTo("CHALLENGE_INVALID");
        Response wrongAudience = Device.unlockWithProof(bound.lock(), bound.token(),
                bound.device().proof(otherLock, Device.challenge(bound.lock())));
        assertThat(wrongAudience.<String>path("reason")).isEqualTo("MALFORMED_PROOF");
        Response garbage = Device.unlockWithProof(bound.lock(), bound.token(), "not-a-jws");
        assertThat(garbage.<String>path("reason")).isEqualTo("MALFORMED_PROOF");
    }

    @Test
    void keysWithoutCnfKeepWorkingWithTheKeyAlone() {
        String lock = Api.demoLockForKari();
        String session = Api.login(KARI);
        Response granted = Api.requestAccess(session, lock);
        assertThat(granted.<Boolean>path("key.deviceBound")).isFalse();
        assertThat(Api.unlock(lock, granted.path("key.token")).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnboundKeyOfTheSameUserCountsAsExistingForADeviceSession() {
        Worker worker = Worker.withTaskAtNewDemoLock();
        String lock = worker.lock();
        String plain = Api.login(worker.phone());
        String unboundId = Api.requestAccess(plain, lock).path("key.id");
        Device phone = Device.fresh();
        String bound = Api.login(worker.phone(), phone.loginFields(Api.uniqueId("phone")));
        Response again = Api.requestAccess(bound, lock);
        // An unbound key of the same user counts as existing: it opens the lock without a device proof.
        assertThat(again.<String>path("source")).isEqualTo("existing");
        assertThat(again.<String>path("key.id")).isEqualTo(unboundId);
    }

    @Test
    void anOversizedKeyOrProofIsABadRequestNamingIt() {
        String lock = Api.newLock("demo");
        Response key = Api.assertProblem(Device.unlockWithProof(lock, "a".repeat(16385), "p"), 400);
        assertThat(key.<String>path("invalidParams[0].name")).isEqualTo("key");
        Response proof = Api.assertProblem(Device.unlockWithProof(lock, "k", "p".repeat(4097)), 400);
        assertThat(proof.<String>path("invalidParams[0].name")).isEqualTo("proof");
    }

    @Test
    void challengeForAnUnknownLockIs404() {
        Api.assertProblem(RestAssured.given().post("/api/sim/v1/locks/no-such-lock/challenge"), 404);
    }
}
