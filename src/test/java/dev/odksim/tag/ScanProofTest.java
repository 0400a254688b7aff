package dev.odksim.tag;

import com.nimbusds.jwt.SignedJWT;
import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.odksim.testing.Api.KARI;
import static dev.odksim.testing.Api.OLA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project that requires physical presence (docs/design.md §5): on-demand access needs a valid, unexpired scan proof of a
 * sticker of that lock, else 403 with the rule broken, no decision call and no key.
 */
@QuarkusTest
class ScanProofTest {

    private String project;
    private String lock;
    private String otherLock;
    private String tagOfLock;
    private String tagOfOtherLock;

    @BeforeEach
    void projectRequiringScanProofs() {
        project = Api.projectCalling("http://localhost:" + RestAssured.port + "/integrator/check-access",
                Map.of("auth", Map.of("type", "header", "headerName", "X-Api-Key", "headerValue", "demo-integrator-key"),
                        "requireScanProof", true));
        lock = Api.newLock(project);
        otherLock = Api.newLock(project);
        String location = Api.uniqueId("loc");
        Api.admin().body(Map.of("id", location, "name", "Location " + lock, "lockIds", List.of(lock, otherLock)))
                .post("/integrator/admin/locations").then().statusCode(201);
        Instant now = Instant.now();
        Api.admin().body(Map.of("workerId", "kari", "locationId", location, "title", "Scan proof test",
                "start", now.minusSeconds(60).toString(), "end", now.plusSeconds(8 * 3600).toString()))
                .post("/integrator/admin/tasks").then().statusCode(201);
        tagOfLock = StickerTrustTest.tag(project, Map.of("lockId", lock));
        tagOfOtherLock = StickerTrustTest.tag(project, Map.of("lockId", otherLock));
    }

    @AfterEach
    void backToRealTime() {
        Api.travel(0);
    }

    static String proofOf(String tagId) {
        Response scan = StickerTrustTest.scan(tagId, null);
        assertThat(scan.statusCode()).as(scan.asString()).isEqualTo(200);
        return scan.path("scanProof");
    }

    Response access(String accessToken, String proof) {
        return Api.app(accessToken).body(proof == null ? Map.of() : Map.of("scanProof", proof)).post("/api/app/v1/locks/" + lock + "/access");
    }

    void assertRefused(Response response, String reason) {
        Api.assertProblem(response, 403);
        assertThat(response.<String>path("reason")).as(response.asString()).isEqualTo(reason);
        assertThat(Api.decisions(project)).as("the integrator is not asked").isEmpty();
        assertThat(Api.keys(project, lock)).as("no key").isEmpty();
    }

    @Test
    void accessNeedsAValidUnexpiredProofForThatLock() {
        String kari = Api.login(KARI);
        assertRefused(access(kari, null), "SCAN_PROOF_REQUIRED");
        assertRefused(access(kari, " "), "SCAN_PROOF_REQUIRED");
        assertRefused(access(kari, proofOf(tagOfOtherLock)), "SCAN_PROOF_WRONG_LOCK");

        String proof = proofOf(tagOfLock);
        Api.travel(121);
        assertRefused(access(kari, proof), "SCAN_PROOF_EXPIRED");
        Api.travel(0);

        Response granted = access(kari, proof);
        assertThat(granted.statusCode()).as(granted.asString()).isEqualTo(201);
        assertThat(granted.<String>path("source")).isEqualTo("on-demand");
        assertThat(Api.keys(project, lock)).hasSize(1);
    }

    @Test
    void forgedOrForeignTokensAreNotProofs() throws Exception {
        String kari = Api.login(KARI);
        String proof = proofOf(tagOfLock);
        String[] parts = proof.split("\\.");
        String tamperedPayload = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace(lock, otherLock).getBytes()) + "." + parts[2];
        assertRefused(access(kari, tamperedPayload), "SCAN_PROOF_INVALID");
        assertRefused(access(kari, parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2) + "AA"), "SCAN_PROOF_INVALID");
        assertRefused(access(kari, "not-a-jwt"), "SCAN_PROOF_INVALID");

        // A real key of the platform (same signing key, other typ) is not a scan proof...
        String keyLock = Api.demoLockForKari();
        String keyToken = Api.requestAccess(kari, keyLock).then().statusCode(201).extract().path("key.token");
        assertRefused(access(kari, keyToken), "SCAN_PROOF_INVALID");
        // ...and a scan proof opens no lock.
        Response unlock = Api.unlock(lock, proof);
        assertThat(unlock.statusCode()).isEqualTo(403);
        assertThat(unlock.<String>path("reason")).isEqualTo("MALFORMED_KEY");
    }

    @Test
    void aProofScannedWithAnAppSessionIsBoundToThatUser() throws Exception {
        String kari = Api.login(KARI);
        String ola = Api.login(OLA);
        Response olasScan = RestAssured.given().accept(ContentType.JSON).header("Authorization", "Bearer " + ola).get("/t/" + tagOfLock);
        String olasProof = olasScan.then().statusCode(200).extract().path("scanProof");
        SignedJWT jwt = SignedJWT.parse(olasProof);
        assertThat(jwt.getHeader().getType().toString()).isEqualTo("odk-scan-proof+jwt");
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(OLA);
        assertThat(jwt.getJWTClaimsSet().getStringClaim("lock")).isEqualTo(lock);
        assertThat(jwt.getJWTClaimsSet().getStringClaim("tag")).isEqualTo(tagOfLock);
        long lifetime = jwt.getJWTClaimsSet().getExpirationTime().getTime() - jwt.getJWTClaimsSet().getIssueTime().getTime();
        assertThat(lifetime).isEqualTo(120_000L);
        assertThat(Instant.parse(olasScan.path("scanProofExpiresAt"))).isEqualTo(jwt.getJWTClaimsSet().getExpirationTime().toInstant());

        assertRefused(access(kari, olasProof), "SCAN_PROOF_WRONG_USER");
        // An unknown session does not fail the scan; the proof is then unbound.
        String unbound = RestAssured.given().accept(ContentType.JSON).header("Authorization", "Bearer made-up").get("/t/" + tagOfLock)
                .then().statusCode(200).extract().path("scanProof");
        assertThat(SignedJWT.parse(unbound).getJWTClaimsSet().getSubject()).isNull();
        assertThat(access(kari, unbound).statusCode()).isEqualTo(201);
    }

    @Test
    void anExistingKeyNeedsNoNewScan() {
        String kari = Api.login(KARI);
        assertThat(access(kari, proofOf(tagOfLock)).statusCode()).isEqualTo(201);
        Response again = access(kari, null);
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(200);
        assertThat(again.<String>path("source")).isEqualTo("existing");
    }

    @Test
    void aRefusedScanYieldsNoProof() {
        String mirrorTag = StickerTrustTest.tag(project, Map.of("lockId", lock, "chipUid", "04A1B2C3D4E5F6", "mode", "ntag-mirror"));
        assertThat(StickerTrustTest.scan(mirrorTag, "m=04A1B2C3D4E5F6x000002").<String>path("scanProof")).isNotBlank();
        Response replay = StickerTrustTest.scan(mirrorTag, "m=04A1B2C3D4E5F6x000002");
        assertThat(replay.statusCode()).isEqualTo(403);
        assertThat(replay.<String>path("scanProof")).isNull();
    }
}
