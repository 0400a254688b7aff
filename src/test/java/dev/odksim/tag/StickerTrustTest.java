package dev.odksim.tag;

import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tag resolver's trust modes over HTTP (docs/design.md §5): SUN with the AN12196 vector, the NTAG mirror, refusals as
 * problem+json and as the phone page, the scan log, tag retire/reassign, and SUN keys never coming back out.
 */
@QuarkusTest
class StickerTrustTest {

    static final String ZERO_KEY = "00000000000000000000000000000000";
    static final String AN12196 = "e=" + Ntag424SunTest.E + "&c=" + Ntag424SunTest.C;

    static String newProject() {
        String project = Api.uniqueId("p");
        Api.admin().body(Map.of("id", project, "name", "Stickers " + project)).post("/api/admin/v1/projects").then().statusCode(201);
        return project;
    }

    static Response createTag(String project, Map<String, Object> body) {
        return Api.admin().body(body).post("/api/admin/v1/projects/" + project + "/tags");
    }

    static String tag(String project, Map<String, Object> body) {
        Response created = createTag(project, body);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        return created.path("tagId");
    }

    static Response scan(String tagId, String query) {
        return RestAssured.given().accept(ContentType.JSON).urlEncodingEnabled(false).get("/t/" + tagId + (query == null ? "" : "?" + query));
    }

    static List<Map<String, Object>> scans(String project) {
        return Api.admin().get("/api/admin/v1/projects/" + project + "/scans").then().statusCode(200).extract().path("scans");
    }

    static void assertRefused(Response response, int status, String reason) {
        Api.assertProblem(response, status);
        assertThat(response.<String>path("reason")).as(response.asString()).isEqualTo(reason);
        assertThat(response.<String>path("scanProof")).isNull();
        if (status != 400) {
            assertThat(response.<Object>path("invalidParams")).as("only a malformed URL is a validation problem").isNull();
        }
    }

    @Test
    void sunStickerVerifiesTheAn12196VectorRefusesReplayAndTamperingAndAcceptsAHigherCounter() {
        String project = newProject();
        String lock = Api.newLock(project);
        String tagId = tag(project, Map.of("lockId", lock, "mode", "ntag424-sun", "chipUid", Ntag424SunTest.UID,
                "metaReadKey", ZERO_KEY, "fileReadKey", ZERO_KEY));

        Response first = scan(tagId, AN12196);
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
        assertThat(first.<String>path("lockId")).isEqualTo(lock);
        assertThat(first.<String>path("mode")).isEqualTo("ntag424-sun");
        assertThat(first.<Integer>path("counter")).isEqualTo(61);
        assertThat(first.<String>path("scanProof")).isNotBlank();
        assertThat(first.<String>path("accessUrl")).endsWith("/api/app/v1/locks/" + lock + "/access");

        assertRefused(scan(tagId, AN12196), 403, "SCAN_REPLAY");
        String flippedC = "e=" + Ntag424SunTest.E + "&c=94EED9EE65337087";
        assertRefused(scan(tagId, flippedC), 403, "SCAN_BAD_MAC");
        String flippedE = "e=EF963FF7828658A599F3041510671E89&c=" + Ntag424SunTest.C;
        assertRefused(scan(tagId, flippedE), 403, "SCAN_BAD_MAC");
        Response missing = scan(tagId, "e=" + Ntag424SunTest.E);
        assertRefused(missing, 400, "SCAN_MALFORMED");
        assertThat(missing.<String>path("invalidParams[0].name")).isEqualTo("c");

        Response next = scan(tagId, SunTagEmulator.query(ZERO_KEY, ZERO_KEY, Ntag424SunTest.UID, 62));
        assertThat(next.statusCode()).as(next.asString()).isEqualTo(200);
        assertThat(next.<Integer>path("counter")).isEqualTo(62);
        assertRefused(scan(tagId, SunTagEmulator.query(ZERO_KEY, ZERO_KEY, "04000000000001", 63)), 403, "SCAN_CLONE");

        List<Map<String, Object>> log = scans(project);
        assertThat(log).extracting(s -> s.get("outcome"))
                .containsExactly("clone", "ok", "malformed", "bad_mac", "bad_mac", "replay", "ok");
        assertThat(log.get(1)).containsEntry("counter", 62).containsEntry("chipUid", Ntag424SunTest.UID).containsEntry("lockId", lock);
        assertThat((String) log.get(5).get("reason")).contains("61");
        assertThat(Api.admin().get("/api/admin/v1/projects/" + project + "/tags/" + tagId).then().statusCode(200)
                .extract().<Integer>path("lastCounter")).isEqualTo(62);
    }

    @Test
    void concurrentTapsWithOneCounterValueAreAcceptedOnce() throws Exception {
        String project = newProject();
        String tagId = tag(project, Map.of("lockId", Api.newLock(project), "mode", "ntag424-sun",
                "metaReadKey", ZERO_KEY, "fileReadKey", ZERO_KEY));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + RestAssured.port + "/t/" + tagId + "?" + AN12196))
                .header("Accept", "application/json").build();
        List<java.util.concurrent.CompletableFuture<Integer>> answers = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> http.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                        .thenApply(java.net.http.HttpResponse::statusCode)).toList();
        List<Integer> statuses = answers.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        assertThat(statuses).containsOnly(200, 403).filteredOn(s -> s == 200).hasSize(1);
        assertThat(scans(project)).extracting(s -> s.get("outcome")).containsOnly("ok", "replay").hasSize(8);
    }

    @Test
    void sunKeysAreStoredButNeverReturned() {
        String project = newProject();
        String lock = Api.newLock(project);
        String meta = "00112233445566778899AABBCCDDEEFF";
        String file = "F0E1D2C3B4A5968778695A4B3C2D1E0F";
        Response created = createTag(project, Map.of("lockId", lock, "mode", "ntag424-sun", "metaReadKey", meta.toLowerCase(), "fileReadKey", file));
        assertThat(created.statusCode()).isEqualTo(201);
        String tagId = created.path("tagId");
        assertThat(created.<Boolean>path("sunKeys")).isTrue();
        Response ok = scan(tagId, SunTagEmulator.query(meta, file, "04112233445566", 5));
        assertThat(ok.statusCode()).as(ok.asString()).isEqualTo(200);
        scan(tagId, "e=" + Ntag424SunTest.E + "&c=" + Ntag424SunTest.C);

        for (String body : List.of(created.asString(), ok.asString(),
                Api.admin().get("/api/admin/v1/projects/" + project + "/tags").asString(),
                Api.admin().get("/api/admin/v1/projects/" + project + "/tags/" + tagId).asString(),
                Api.admin().get("/api/admin/v1/projects/" + project + "/scans").asString(),
                Api.admin().get("/api/admin/v1/scans?limit=1000").asString())) {
            assertThat(body.toUpperCase()).doesNotContain(meta).doesNotContain(file);
        }
    }

    @Test
    void mirrorStickerRefusesAnotherChipAndAReplayedCounterAndAcceptsAHigherOne() {
        String project = newProject();
        String lock = Api.newLock(project);
        String uid = "04A1B2C3D4E5F6";
        String tagId = tag(project, Map.of("lockId", lock, "chipUid", uid, "mode", "ntag-mirror"));

        Response first = scan(tagId, "m=" + uid + "x000007");
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
        assertThat(first.<Integer>path("counter")).isEqualTo(7);
        assertRefused(scan(tagId, "m=" + uid + "x000007"), 403, "SCAN_REPLAY");
        assertRefused(scan(tagId, "m=" + uid + "x000006"), 403, "SCAN_REPLAY");
        assertRefused(scan(tagId, "m=04A1B2C3D4E5F7x000008"), 403, "SCAN_CLONE");
        assertRefused(scan(tagId, "m=" + uid), 403, "SCAN_CLONE"); // stripped to the UID-only form to dodge the counter
        Response noMirror = scan(tagId, null);
        assertRefused(noMirror, 400, "SCAN_MALFORMED");
        assertThat(noMirror.<String>path("invalidParams[0].name")).isEqualTo("m");
        assertThat(scan(tagId, "m=" + uid + "x000008").statusCode()).isEqualTo(200);

        assertThat(scans(project)).extracting(s -> s.get("outcome"))
                .containsExactly("ok", "malformed", "clone", "clone", "replay", "replay", "ok");
        assertThat(Api.admin().get("/api/admin/v1/projects/" + project + "/tags/" + tagId).then().extract().<String>path("mirror"))
                .isEqualTo("both");
    }

    @Test
    void aBrowserSeesARefusedScanOnThePhonePage() {
        String project = newProject();
        String uid = "04A1B2C3D4E5F6";
        String tagId = tag(project, Map.of("lockId", Api.newLock(project), "chipUid", uid, "mode", "ntag-mirror"));
        assertThat(scan(tagId, "m=" + uid + "x000001").statusCode()).isEqualTo(200);
        Response page = RestAssured.given().accept("text/html").urlEncodingEnabled(false).get("/t/" + tagId + "?m=" + uid + "x000001");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.asString()).contains("SCAN_REPLAY").contains("Replayed sticker URL");
    }

    @Test
    void theTagWritersRequestsKeepWorking() {
        String project = newProject();
        String lock = Api.newLock(project);
        for (String mode : List.of("none", "ntag-mirror")) {
            Response created = createTag(project, Map.of("lockId", lock, "chipUid", "04a1b2c3d4e5f6", "mode", mode));
            assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
            assertThat(created.<String>path("lockId")).isEqualTo(lock);
            assertThat(created.<String>path("mode")).isEqualTo(mode);
            assertThat(created.<String>path("url")).endsWith("/t/" + created.path("tagId"));
            assertThat(created.<String>path("chipUid")).isEqualTo("04A1B2C3D4E5F6");
        }
    }

    @Test
    void tagCreationNamesEveryWrongField() {
        String project = newProject();
        String lock = Api.newLock(project);
        Response sun = createTag(project, Map.of("lockId", lock, "mode", "ntag424-sun", "metaReadKey", "1234"));
        Api.assertProblem(sun, 400);
        assertThat(sun.<List<String>>path("invalidParams.name")).containsExactlyInAnyOrder("metaReadKey", "fileReadKey");
        assertThat(sun.asString()).doesNotContain("1234");
        Response mirror = createTag(project, Map.of("lockId", lock, "mode", "ntag-mirror"));
        assertThat(mirror.<List<String>>path("invalidParams.name")).containsExactly("chipUid");
        Response none = createTag(project, Map.of("lockId", lock, "mode", "none", "fileReadKey", ZERO_KEY, "mirror", "both"));
        assertThat(none.<List<String>>path("invalidParams.name")).containsExactlyInAnyOrder("fileReadKey", "mirror");
        Api.assertProblem(createTag(project, Map.of("lockId", lock, "mode", "ntag-mirror", "chipUid", "04A1", "mirror", "all")), 400);
        Api.assertProblem(createTag(project, Map.of("lockId", lock, "mode", "nfc")), 400);
        Api.assertProblem(createTag(project, Map.of("lockId", "no-such-lock")), 400);
        assertThat(Api.admin().get("/api/admin/v1/projects/" + project + "/tags").then().extract().<List<?>>path("$")).isEmpty();
    }

    @Test
    void aRetiredTagOpensNothingAndAReassignedTagOpensTheNewLock() {
        String project = newProject();
        String first = Api.newLock(project);
        String second = Api.newLock(project);
        String tagId = tag(project, Map.of("lockId", first));
        String base = "/api/admin/v1/projects/" + project + "/tags/" + tagId;

        Response moved = Api.admin().body(Map.of("lockId", second)).post(base + "/reassign");
        assertThat(moved.statusCode()).as(moved.asString()).isEqualTo(200);
        assertThat(moved.<String>path("url")).endsWith("/t/" + tagId);
        assertThat(scan(tagId, null).<String>path("lockId")).isEqualTo(second);

        String otherProject = newProject();
        Response foreign = Api.admin().body(Map.of("lockId", Api.newLock(otherProject))).post(base + "/reassign");
        Api.assertProblem(foreign, 400);
        assertThat(foreign.<String>path("invalidParams[0].name")).isEqualTo("lockId");
        Api.assertProblem(Api.admin().body(Map.of("lockId", first)).post("/api/admin/v1/projects/" + otherProject + "/tags/" + tagId + "/reassign"), 404);

        Response retired = Api.admin().post(base + "/retire");
        assertThat(retired.<String>path("state")).isEqualTo("retired");
        assertThat(retired.<String>path("retiredAt")).isNotNull();
        assertThat(Api.admin().post(base + "/retire").<String>path("state")).isEqualTo("retired");
        assertRefused(scan(tagId, null), 404, "RETIRED_TAG");
        Api.assertProblem(Api.admin().body(Map.of("lockId", first)).post(base + "/reassign"), 409);
        assertThat(scans(project)).extracting(s -> s.get("outcome")).containsExactly("retired", "ok");
    }

    @Test
    void scansOfUnknownTagsAreInTheGlobalLogAndLimitsAreChecked() {
        String unknown = Api.uniqueId("never-made");
        assertRefused(scan(unknown, "m=1"), 404, "UNKNOWN_TAG");
        List<Map<String, Object>> all = Api.admin().queryParam("outcome", "unknown").get("/api/admin/v1/scans")
                .then().statusCode(200).extract().path("scans");
        assertThat(all).anySatisfy(s -> assertThat(s).containsEntry("tagId", unknown).containsEntry("projectId", null));
        assertThat(Api.admin().queryParam("limit", 1).get("/api/admin/v1/scans").then().statusCode(200)
                .extract().<List<?>>path("scans")).hasSize(1);
        for (String limit : List.of("0", "1001", "ten")) {
            Response bad = Api.admin().queryParam("limit", limit).get("/api/admin/v1/scans");
            Api.assertProblem(bad, 400);
            assertThat(bad.<String>path("invalidParams[0].name")).isEqualTo("limit");
        }
        Api.assertProblem(Api.admin().queryParam("outcome", "fine").get("/api/admin/v1/scans"), 400);
        Api.assertProblem(Api.admin().get("/api/admin/v1/projects/no-such-project/scans"), 404);
        Api.assertProblem(RestAssured.get("/api/admin/v1/scans"), 401);
    }

    @Test
    void onDemandConfigShowsAndKeepsTheScanProofSetting() {
        String project = newProject();
        String path = "/api/admin/v1/projects/" + project + "/on-demand";
        assertThat(Api.admin().get(path).then().statusCode(200).extract().<Boolean>path("requireScanProof")).isFalse();
        Map<String, Object> update = new HashMap<>(Map.of("requireScanProof", true));
        assertThat(Api.admin().body(update).put(path).then().statusCode(200).extract().<Boolean>path("requireScanProof")).isTrue();
        assertThat(Api.admin().body(Map.of("timeoutMs", 2500)).put(path).then().statusCode(200).extract().<Boolean>path("requireScanProof"))
                .as("an update without the field keeps it").isTrue();
        Api.assertProblem(Api.admin().body("{\"requireScanProof\": \"yes\"}").put(path), 400);
    }
}
