package dev.odksim.webhook;

import dev.odksim.testing.Api;
import dev.odksim.testing.StandardWebhooksVerifier;
import dev.odksim.testing.WebhookReceiver;
import dev.odksim.testing.WebhookReceiver.Received;
import dev.odksim.testing.WebhookReceiver.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11: which webhooks get which events (lock filter, disabled), secret rotation, disabling after 24 h, bad input. */
@QuarkusTest
class WebhookRegistrationTest {

    @Inject
    DeliveryWorker worker;
    @Inject
    dev.odksim.retention.RetentionJob retention;

    private final List<WebhookReceiver> receivers = new ArrayList<>();
    private final List<String[]> registered = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        registered.forEach(r -> Api.admin().delete(Webhooks.base(r[0]) + "/" + r[1]));
        receivers.forEach(WebhookReceiver::close);
        Api.travel(0);
    }

    private WebhookReceiver receiver(WebhookReceiver receiver) {
        receivers.add(receiver);
        return receiver;
    }

    private Map<String, Object> register(String project, String url, String lockId) {
        Map<String, Object> created = Webhooks.register(project, url, lockId);
        registered.add(new String[]{project, (String) created.get("id")});
        return created;
    }

    @Test
    void aLockFilterDeliversOnlyThatLocksEventsAndNoFilterCoversEveryLock() throws IOException {
        String project = Api.projectCalling("http://localhost:" + RestAssured.port + "/integrator/check-access",
                Map.of("auth", Map.of("type", "header", "headerName", "X-Api-Key", "headerValue", "demo-integrator-key")));
        String front = Api.newLock(project);
        String back = Api.newLock(project);
        String session = Api.login(Api.workerWithTaskAt(List.of(front, back)));
        WebhookReceiver frontOnly = receiver(WebhookReceiver.ok());
        WebhookReceiver everyLock = receiver(WebhookReceiver.ok());
        register(project, frontOnly.url(), front);
        register(project, everyLock.url(), null);

        for (String lock : List.of(front, back)) {
            String token = Api.requestAccess(session, lock).then().statusCode(201).extract().path("key.token");
            Api.unlock(lock, token).then().statusCode(200);
        }
        Api.unlock(front, "not-a-key").then().statusCode(403);
        assertThat(worker.drain()).isEqualTo(3);

        assertThat(frontOnly.received()).extracting(r -> JsonPath.from(r.body()).getString("lockId")).containsExactly(front);
        assertThat(everyLock.received()).extracting(r -> JsonPath.from(r.body()).getString("lockId")).containsExactlyInAnyOrder(front, back);
    }

    @Test
    void aDisabledWebhookReceivesNothingUntilEnabledAgain() throws IOException {
        WebhookReceiver receiver = receiver(WebhookReceiver.ok());
        Webhooks.Door door = Webhooks.door();
        String hookId = (String) register(door.project(), receiver.url(), door.lock()).get("id");
        String base = Webhooks.base(door.project()) + "/" + hookId;

        door.unlock();
        Api.admin().body(Map.of("enabled", false)).patch(base).then().statusCode(200).body("enabled", org.hamcrest.Matchers.is(false));
        door.unlock();
        assertThat(worker.drain()).isZero();
        assertThat(receiver.received()).isEmpty();
        assertThat(Webhooks.deliveries(door.project(), hookId)).as("only the unlock before disabling is queued").hasSize(1);
        Api.assertProblem(Api.admin().post(base + "/test"), 409);

        Api.admin().body(Map.of("enabled", true)).patch(base).then().statusCode(200);
        assertThat(worker.drain()).isEqualTo(1);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void aWebhookFailingFor24HoursIsDisabledWithTheReasonAndADeliveryGivesUpAfterThreeDays() throws IOException {
        WebhookReceiver receiver = receiver(new WebhookReceiver(n -> Reply.status(500)));
        Webhooks.Door door = Webhooks.door();
        String hookId = (String) register(door.project(), receiver.url(), door.lock()).get("id");
        String base = Webhooks.base(door.project()) + "/" + hookId;
        door.unlock();

        assertThat(worker.drain()).isEqualTo(1);
        assertThat(Webhooks.webhook(door.project(), hookId)).containsEntry("enabled", true).containsKey("failingSince");
        Webhooks.travelBy(Duration.ofHours(25));
        assertThat(worker.drain()).isEqualTo(1);
        Map<String, Object> hook = Webhooks.webhook(door.project(), hookId);
        assertThat(hook).containsEntry("enabled", false);
        assertThat((String) hook.get("disabledReason")).contains("every delivery failed since").contains("HTTP 500");
        Webhooks.travelBy(Duration.ofHours(6));
        assertThat(worker.drain()).as("a disabled webhook gets no attempts").isZero();

        Api.admin().body(Map.of("enabled", true)).patch(base).then().statusCode(200);
        Webhooks.travelBy(Duration.ofDays(2));
        assertThat(worker.drain()).isEqualTo(1);
        Map<String, Object> delivery = Webhooks.onlyDelivery(door.project(), hookId);
        assertThat(delivery).containsEntry("state", "failed").containsEntry("attempts", 3);
        assertThat(delivery.get("nextAttempt")).isNull();
        Webhooks.travelBy(Duration.ofDays(1));
        assertThat(worker.drain()).isZero();
        assertThat(receiver.received()).hasSize(3);
    }

    @Test
    void finishedDeliveriesArePurgedAfterTheRetentionPeriodPendingOnesStay() throws IOException {
        WebhookReceiver receiver = receiver(new WebhookReceiver(n -> n == 0 ? Reply.status(200) : Reply.status(500)));
        Webhooks.Door door = Webhooks.door();
        String hookId = (String) register(door.project(), receiver.url(), door.lock()).get("id");
        door.unlock();
        assertThat(worker.drain()).isEqualTo(1);
        door.unlock();
        assertThat(worker.drain()).isEqualTo(1);
        assertThat(Webhooks.deliveries(door.project(), hookId)).extracting(d -> d.get("state")).containsExactlyInAnyOrder("delivered", "pending");

        Webhooks.travelBy(Duration.ofDays(2));
        assertThat(retention.run().webhookDeliveries()).isZero();
        Webhooks.travelBy(Duration.ofDays(29));
        assertThat(retention.run().webhookDeliveries()).isGreaterThanOrEqualTo(1);
        assertThat(Webhooks.deliveries(door.project(), hookId)).extracting(d -> d.get("state")).containsExactly("pending");
    }

    @Test
    void aRotatedSecretSignsBesideTheOldOneFor24Hours() throws IOException {
        WebhookReceiver receiver = receiver(WebhookReceiver.ok());
        Webhooks.Door door = Webhooks.door();
        Map<String, Object> hook = register(door.project(), receiver.url(), door.lock());
        String base = Webhooks.base(door.project()) + "/" + hook.get("id");
        String oldSecret = (String) hook.get("secret");

        Map<String, Object> rotated = Api.admin().post(base + "/rotate-secret").then().statusCode(200).extract().jsonPath().getMap("");
        String newSecret = (String) rotated.get("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        Api.admin().post(base + "/test").then().statusCode(202);
        assertThat(worker.drain()).isEqualTo(1);
        Received during = receiver.received().get(0);
        assertThat(during.signature().split(" ")).hasSize(2);
        assertThat(StandardWebhooksVerifier.verifies(newSecret, during.id(), during.timestamp(), during.signature(), during.body())).isTrue();
        assertThat(StandardWebhooksVerifier.verifies(oldSecret, during.id(), during.timestamp(), during.signature(), during.body())).isTrue();

        Webhooks.travelPast(Instant.parse((String) rotated.get("previousSecretUntil")));
        Api.admin().post(base + "/test").then().statusCode(202);
        assertThat(worker.drain()).isEqualTo(1);
        Received after = receiver.received().get(1);
        assertThat(after.signature().split(" ")).hasSize(1);
        assertThat(StandardWebhooksVerifier.verifies(newSecret, after.id(), after.timestamp(), after.signature(), after.body())).isTrue();
        assertThat(StandardWebhooksVerifier.verifies(oldSecret, after.id(), after.timestamp(), after.signature(), after.body())).isFalse();
    }

    @Test
    void badRegistrationsAreClearProblemsNamingTheField() {
        String project = Api.projectCalling("http://localhost:1/none", Map.of());
        String otherLock = Api.newLock(Api.projectCalling("http://localhost:1/none", Map.of()));
        String base = Webhooks.base(project);
        for (String url : List.of("ftp://example.com/x", "http://user:pw@example.com/x", "not a url", "http://example.com/#frag")) {
            Api.assertProblem(Api.admin().body(Map.of("trigger", "accessEvent", "url", url)).post(base), 400)
                    .then().body("invalidParams[0].name", org.hamcrest.Matchers.is("url"));
        }
        Api.assertProblem(Api.admin().body(Map.of("trigger", "accessEvent")).post(base), 400)
                .then().body("invalidParams[0].name", org.hamcrest.Matchers.is("url"));
        Api.assertProblem(Api.admin().body(Map.of("trigger", "keyCreated", "url", "https://example.com/h")).post(base), 400)
                .then().body("invalidParams[0].name", org.hamcrest.Matchers.is("trigger"));
        Api.assertProblem(Api.admin().body(Map.of("url", "https://example.com/h")).post(base), 400)
                .then().body("invalidParams[0].name", org.hamcrest.Matchers.is("trigger"));
        Api.assertProblem(Api.admin().body(Map.of("trigger", "accessEvent", "url", "https://example.com/h", "lockId", otherLock)).post(base), 400)
                .then().body("invalidParams[0].name", org.hamcrest.Matchers.is("lockId"));
        Api.assertProblem(Api.admin().body(Map.of("trigger", "accessEvent", "url", "https://example.com/h")).post(Webhooks.base("no-such-project")), 404);
        Api.assertProblem(RestAssured.given().contentType(ContentType.JSON).body(Map.of("trigger", "accessEvent", "url", "https://example.com/h"))
                .post(base), 401);
        Api.assertProblem(Api.admin().get(base + "/nope"), 404);
        Api.assertProblem(Api.admin().body(Map.of()).patch(base + "/nope"), 400);
        assertThat(Api.admin().get(base).then().statusCode(200).extract().jsonPath().getList("webhooks")).isEmpty();

        String id = (String) register(project, "https://example.com/h", null).get("id");
        Api.admin().delete(base + "/" + id).then().statusCode(204);
        Api.assertProblem(Api.admin().get(base + "/" + id), 404);
    }
}
