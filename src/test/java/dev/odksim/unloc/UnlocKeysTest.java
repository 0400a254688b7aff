package dev.odksim.unloc;

import dev.odksim.testing.Api;
import dev.odksim.testing.Unloc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The /v2 keys: the whole flow an Unloc client drives, batch validation, paging, the fault knob, revocation. */
@QuarkusTest
class UnlocKeysTest {

    @AfterEach
    void backToRealTime() {
        Api.travel(0);
    }

    @Test
    void keyMadeThroughV2IsProvisionedDownloadedByTheAppOpensTheLockAndIsInTheAccessLog() {
        String project = Unloc.newProject();
        String lock = Api.newLock(project);
        String phone = Unloc.newPhone();
        Unloc.settings(project, Map.of("provisioningDelayMs", 3000));
        String token = Unloc.token(project);

        String jobRef = Unloc.createKeys(token, project, List.of(Unloc.key(lock, phone)));
        Response running = Unloc.as(token).get("/v2/projects/" + project + "/jobs/" + jobRef);
        assertThat(running.<String>path("state")).isEqualTo("running");
        assertThat(running.<String>path("keys[0].state")).isEqualTo("creating");
        String keyId = running.path("keys[0].id");

        Response done = Unloc.awaitJob(token, project, jobRef);
        assertThat(done.<String>path("keys[0].state")).isEqualTo("active");
        Response key = Unloc.as(token).get("/v2/projects/" + project + "/keys/" + keyId);
        assertThat(key.<String>path("state")).isEqualTo("active");
        assertThat(key.<String>path("appUserId")).isEqualTo(phone);
        assertThat(key.<String>path("created")).isNotBlank();

        String session = Api.login(phone);
        Response mine = Api.app(session).get("/api/app/v1/keys/" + keyId);
        assertThat(mine.statusCode()).as(mine.asString()).isEqualTo(200);
        String jws = mine.path("token");
        Response unlocked = Api.unlock(lock, jws);
        assertThat(unlocked.statusCode()).as(unlocked.asString()).isEqualTo(200);

        List<Map<String, Object>> log = Unloc.as(token).get("/v2/projects/" + project + "/access-log")
                .then().statusCode(200).extract().path("accessEvents");
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).containsEntry("action", "unlocked").containsEntry("keyId", keyId).containsEntry("lockId", lock)
                .containsEntry("lockName", "Door " + lock).containsEntry("appUserId", phone);
    }

    @Test
    void batchWithGoodAndBadEntriesCreatesNothingAndNamesEveryBadField() {
        String project = Unloc.newProject();
        String lock = Api.newLock(project);
        String token = Unloc.token(project);
        Map<String, Object> good = Unloc.key(lock, Unloc.newPhone());
        Map<String, Object> badLock = Unloc.key("no-such-lock", Unloc.newPhone());
        Map<String, Object> badUser = Unloc.key(lock, "12345");
        badUser.put("colour", "blue");
        Map<String, Object> badRecurrence = Unloc.key(lock, Unloc.newPhone());
        badRecurrence.put("recurrence", Map.of("timeSpans", List.of(Map.of("weekday", "monday", "startHour", 9, "startMinute", 0,
                "endHour", 8, "endMinute", 0))));
        Map<String, Object> both = Unloc.key(lock, Unloc.newPhone());
        both.put("end", "2099-01-01T00:00:00.000Z");
        both.put("durationMinutes", 60);
        Response answer = Api.assertProblem(Unloc.as(token).body(Map.of("keys", List.of(good, badLock, badUser, badRecurrence, both)))
                .post("/v2/projects/" + project + "/keys"), 400);
        assertThat(answer.<List<String>>path("invalidParams.name")).containsExactlyInAnyOrder("keys[1].lockId",
                "keys[2].appUserId", "keys[2].colour", "keys[3].recurrence.timeSpans[0].weekday",
                "keys[3].recurrence.timeSpans[0].endHour", "keys[4].durationMinutes");
        assertThat(Unloc.as(token).get("/v2/projects/" + project + "/keys").then().statusCode(200).extract()
                .<List<Object>>path("keys")).isEmpty();
    }

    @Test
    void wrongTypeInAnEntryIsNamedByItsPath() {
        String project = Unloc.newProject();
        String lock = Api.newLock(project);
        String token = Unloc.token(project);
        Response answer = Api.assertProblem(Unloc.as(token).body("{\"keys\":[{\"lockId\":\"" + lock
                + "\",\"appUserId\":\"+4741000001\",\"durationMinutes\":\"long\"}]}").post("/v2/projects/" + project + "/keys"), 400);
        assertThat(answer.<String>path("invalidParams[0].name")).isEqualTo("keys[0].durationMinutes");
    }

    @Test
    void unknownFieldsAtTheTopAndInsideARecurrenceAreNamedAndNothingIsCreated() {
        String project = Unloc.newProject();
        String lock = Api.newLock(project);
        String token = Unloc.token(project);
        Response top = Api.assertProblem(Unloc.as(token).body("{\"keys\":[{\"lockId\":\"" + lock
                + "\",\"appUserId\":\"+4741000001\"}],\"dryRun\":true}").post("/v2/projects/" + project + "/keys"), 400);
        assertThat(top.<List<String>>path("invalidParams.name")).containsExactly("dryRun");
        Response nested = Api.assertProblem(Unloc.as(token).body("{\"keys\":[{\"lockId\":\"" + lock + "\",\"appUserId\":\"+4741000001\","
                + "\"recurrence\":{\"every\":2,\"timeSpans\":[{\"weekday\":\"mon\",\"startHour\":1,\"startMinute\":0,\"endHour\":2,"
                + "\"endMinute\":0,\"tz\":\"UTC\"}]}}]}").post("/v2/projects/" + project + "/keys"), 400);
        assertThat(nested.<List<String>>path("invalidParams.name")).containsExactlyInAnyOrder("keys[0].recurrence.every",
                "keys[0].recurrence.timeSpans[0].tz");
        assertThat(Unloc.as(token).get("/v2/projects/" + project + "/keys").then().statusCode(200).extract()
                .<List<Object>>path("keys")).isEmpty();
    }

    @Test
    void fiveThousandKeysAreListedExactlyOnceWhileAnotherBatchIsBeingCreated() {
        String project = Unloc.newProject();
        String lock = Api.newLock(project);
        Unloc.settings(project, Map.of("provisioningDelayMs", 3_600_000));
        String token = Unloc.token(project);
        List<Map<String, Object>> first = IntStream.range(0, 5000).mapToObj(i -> Unloc.key(lock, String.format("+4742%06d", i))).toList();
        String firstJob = Unloc.createKeys(token, project, first);
        List<String> firstIds = Unloc.as(token).get("/v2/projects/" + project + "/jobs/" + firstJob).then().statusCode(200)
                .extract().path("keys.id");
        assertThat(firstIds).hasSize(5000);

        List<Map<String, Object>> second = IntStream.range(0, 2000).mapToObj(i -> Unloc.key(lock, String.format("+4743%06d", i))).toList();
        List<String> secondIds = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var request = Unloc.as(token).queryParam("limit", 1000);
            if (after != null) {
                request.queryParam("startAfterId", after);
            }
            Response page = request.get("/v2/projects/" + project + "/keys");
            assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
            List<String> ids = page.path("keys.id");
            assertThat(ids.size()).isLessThanOrEqualTo(1000);
            seen.addAll(ids);
            after = page.path("startAfterId");
            pages++;
            if (pages == 2) {
                // The second batch arrives mid-listing and stays creating (an hour's provisioning delay).
                String secondJob = Unloc.createKeys(token, project, second);
                secondIds.addAll(Unloc.as(token).get("/v2/projects/" + project + "/jobs/" + secondJob).then().statusCode(200)
                        .extract().<List<String>>path("keys.id"));
            }
        } while (after != null && !after.isEmpty());

        Set<String> distinct = new HashSet<>(seen);
        assertThat(distinct).as("no key twice").hasSameSizeAs(seen);
        assertThat(seen.subList(0, 5000)).as("every key of the first batch once, in creation order").containsExactlyElementsOf(firstIds);
        assertThat(seen.subList(5000, seen.size())).as("then the batch created meanwhile").containsExactlyElementsOf(secondIds);
        assertThat(secondIds).hasSize(2000);
        assertThat(pages).isEqualTo(7);
    }

    @Test
    void faultKnobEndsTheChosenShareAndTheChosenLocksInErrorVisibleInJobAndKey() {
        String project = Unloc.newProject();
        String lock = Api.newLock(project);
        String faulty = Api.newLock(project);
        Unloc.settings(project, Map.of("provisioningDelayMs", 0, "faultPercent", 50, "faultLockIds", List.of(faulty),
                "faultReason", "Lock offline (simulated)"));
        String token = Unloc.token(project);
        String jobRef = Unloc.createKeys(token, project, List.of(Unloc.key(faulty, Unloc.newPhone()), Unloc.key(lock, Unloc.newPhone()),
                Unloc.key(lock, Unloc.newPhone()), Unloc.key(lock, Unloc.newPhone()), Unloc.key(lock, Unloc.newPhone())));
        Response job = Unloc.awaitJob(token, project, jobRef);
        List<String> states = job.path("keys.state");
        assertThat(states.get(0)).isEqualTo("error");
        // 50 % of five keys, spread from the first: keys 0, 2 and 4 (key 0 is also of the faulty lock).
        assertThat(states).containsExactly("error", "active", "error", "active", "error");
        assertThat(job.<String>path("keys[0].error")).isEqualTo("Lock offline (simulated)");
        String failedId = job.path("keys[0].id");
        Response key = Unloc.as(token).get("/v2/projects/" + project + "/keys/" + failedId);
        assertThat(key.<String>path("state")).isEqualTo("error");
        assertThat(key.<String>path("error")).isEqualTo("Lock offline (simulated)");
        assertThat(Api.admin().get("/api/admin/v1/projects/" + project + "/keys/" + failedId).then().statusCode(200)
                .extract().<String>path("token")).as("a failed key is never signed").isNull();
        List<String> withoutErrors = Unloc.as(token).queryParam("excludeStates", "error,revoked").get("/v2/projects/" + project + "/keys")
                .then().statusCode(200).extract().path("keys.state");
        assertThat(withoutErrors).containsExactly("active", "active");
    }

    @Test
    void revokeOneAndInBulkSayHowMany() {
        String project = Unloc.newProject();
        String lock = Api.newLock(project);
        String kari = Unloc.newPhone();
        String ola = Unloc.newPhone();
        Unloc.settings(project, Map.of("provisioningDelayMs", 0));
        String token = Unloc.token(project);
        String jobRef = Unloc.createKeys(token, project, List.of(Unloc.key(lock, kari), Unloc.key(lock, kari), Unloc.key(lock, ola)));
        List<String> ids = Unloc.awaitJob(token, project, jobRef).path("keys.id");
        String base = "/v2/projects/" + project + "/keys";
        assertThat(Unloc.as(token).delete(base + "/" + ids.get(0)).then().statusCode(200).extract().<Integer>path("revoked")).isEqualTo(1);
        assertThat(Unloc.as(token).delete(base + "/" + ids.get(0)).then().statusCode(200).extract().<Integer>path("revoked")).isEqualTo(0);
        assertThat(Unloc.as(token).get(base + "/" + ids.get(0)).then().extract().<String>path("state")).isEqualTo("revoked");
        Api.assertProblem(Unloc.as(token).delete(base), 400);
        assertThat(Unloc.as(token).queryParam("appUserId", kari).delete(base).then().statusCode(200).extract().<Integer>path("revoked"))
                .isEqualTo(1);
        assertThat(Unloc.as(token).queryParam("excludeStates", "revoked").get(base).then().statusCode(200).extract()
                .<List<String>>path("keys.id")).containsExactly(ids.get(2));
        Api.assertProblem(Unloc.as(token).delete(base + "/no-such-key"), 404);
    }

    @Test
    void badListParametersAre400NamingThem() {
        String project = Unloc.newProject();
        String token = Unloc.token(project);
        String base = "/v2/projects/" + project + "/keys";
        assertThat(Api.assertProblem(Unloc.as(token).queryParam("excludeStates", "revoked,gone").get(base), 400)
                .<String>path("invalidParams[0].name")).isEqualTo("excludeStates");
        assertThat(Api.assertProblem(Unloc.as(token).queryParam("limit", 2501).get(base), 400)
                .<String>path("invalidParams[0].name")).isEqualTo("limit");
        assertThat(Api.assertProblem(Unloc.as(token).queryParam("startAfterId", "nope").get(base), 400)
                .<String>path("invalidParams[0].name")).isEqualTo("startAfterId");
        Api.assertProblem(Unloc.as(token).get("/v2/projects/" + project + "/jobs/nope"), 404);
    }

    @Test
    void accessLogPagesAndForgetsEventsOlderThanSixtyDays() {
        String project = Unloc.newProject();
        String lock = Api.newLock(project);
        String phone = Unloc.newPhone();
        Unloc.settings(project, Map.of("provisioningDelayMs", 0));
        String token = Unloc.token(project);
        String jobRef = Unloc.createKeys(token, project, List.of(Unloc.key(lock, phone)));
        String keyId = Unloc.awaitJob(token, project, jobRef).path("keys[0].id");
        String jws = Api.admin().get("/api/admin/v1/projects/" + project + "/keys/" + keyId).then().extract().path("token");
        Api.unlock(lock, jws).then().statusCode(200);
        Api.unlock(lock, jws).then().statusCode(200);
        Api.unlock(lock, "not-a-key");
        String log = "/v2/projects/" + project + "/access-log";
        Response first = Unloc.as(token).queryParam("limit", 1).get(log);
        assertThat(first.<List<Object>>path("accessEvents")).hasSize(1);
        String after = first.path("startAfterId");
        assertThat(after).isNotBlank();
        Response second = Unloc.as(token).queryParam("limit", 1).queryParam("startAfterId", after).get(log);
        assertThat(second.<List<Object>>path("accessEvents")).hasSize(1);
        assertThat(second.<String>path("accessEvents[0].id")).isNotEqualTo(after);
        assertThat(second.<String>path("startAfterId")).as("refusals are not Access Events").isNull();
        assertThat(Unloc.as(token).queryParam("appUserId", Unloc.newPhone()).get(log).then().extract()
                .<List<Object>>path("accessEvents")).isEmpty();

        Api.travel(61L * 86400);
        String later = Unloc.token(project);
        assertThat(Unloc.as(later).get(log).then().statusCode(200).extract().<List<Object>>path("accessEvents")).isEmpty();
    }
}
