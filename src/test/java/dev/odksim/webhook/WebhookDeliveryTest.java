package dev.odksim.webhook;

import dev.odksim.testing.Api;
import dev.odksim.testing.StandardWebhooksVerifier;
import dev.odksim.testing.WebhookReceiver;
import dev.odksim.testing.WebhookReceiver.Received;
import dev.odksim.testing.WebhookReceiver.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11: how Access Events reach an integrator's endpoint: signed, retried, at least once, never redirected. */
@QuarkusTest
class WebhookDeliveryTest {

    @Inject
    DeliveryWorker worker;

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
    void anUnlockIsDeliveredSignedSoAnIndependentVerifierAcceptsItAndATamperedBodyFails() throws IOException {
        WebhookReceiver receiver = receiver(WebhookReceiver.ok());
        Webhooks.Door door = Webhooks.door();
        Map<String, Object> hook = register(door.project(), receiver.url(), door.lock());
        String secret = (String) hook.get("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(hook).containsEntry("trigger", "accessEvent").containsEntry("url", receiver.url())
                .containsEntry("lockId", door.lock()).containsKeys("id", "created");
        assertThat(Webhooks.webhook(door.project(), (String) hook.get("id"))).doesNotContainKey("secret");
        assertThat(Api.admin().get(Webhooks.base(door.project())).asString()).doesNotContain(secret);

        door.unlock();
        assertThat(receiver.received()).as("an unlock never waits for a delivery").isEmpty();
        assertThat(worker.drain()).isEqualTo(1);

        Received got = receiver.received().get(0);
        JsonPath event = JsonPath.from(got.body());
        assertThat(event.getString("action")).isEqualTo("unlocked");
        assertThat(event.getString("lockId")).isEqualTo(door.lock());
        assertThat(event.getString("lockName")).isEqualTo("Door " + door.lock());
        assertThat(event.getString("keyId")).isNotBlank();
        assertThat(event.getString("appUserId")).startsWith("+47");
        assertThat(event.getMap("")).containsKeys("id", "created", "userName");
        assertThat(got.id()).isEqualTo(event.getString("id"));
        assertThat(StandardWebhooksVerifier.verifies(secret, got.id(), got.timestamp(), got.signature(), got.body())).isTrue();
        assertThat(StandardWebhooksVerifier.verifies(secret, got.id(), got.timestamp(), got.signature(),
                got.body().replace("unlocked", "unlockeD"))).as("tampered body").isFalse();
        assertThat(StandardWebhooksVerifier.verifies(secret, got.id() + "x", got.timestamp(), got.signature(), got.body())).isFalse();
        assertThat(StandardWebhooksVerifier.verifies("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                got.id(), got.timestamp(), got.signature(), got.body())).as("another secret").isFalse();
        Map<String, Object> delivery = Webhooks.onlyDelivery(door.project(), (String) hook.get("id"));
        assertThat(delivery).containsEntry("state", "delivered").containsEntry("eventId", got.id());
    }

    @Test
    void aReceiverFailingThreeTimesGetsOneSuccessAndEveryAttemptIsLoggedWithTheSameEventId() throws IOException {
        WebhookReceiver receiver = receiver(new WebhookReceiver(n -> n < 3 ? new Reply(500, "{\"error\":\"boom " + n + "\"}", Map.of(), false)
                : Reply.status(200)));
        Webhooks.Door door = Webhooks.door();
        String hookId = (String) register(door.project(), receiver.url(), door.lock()).get("id");
        door.unlock();

        for (int failure = 1; failure <= 3; failure++) {
            assertThat(worker.drain()).isEqualTo(1);
            Map<String, Object> delivery = Webhooks.onlyDelivery(door.project(), hookId);
            assertThat(delivery).containsEntry("state", "pending").containsEntry("attempts", failure);
            assertThat(worker.drain()).as("nothing before the backoff is over").isZero();
            Webhooks.travelPast(Instant.parse((String) delivery.get("nextAttempt")));
        }
        assertThat(worker.drain()).isEqualTo(1);
        Webhooks.travelPast(Webhooks.simNow().plusSeconds(86_400));
        assertThat(worker.drain()).as("a delivered event is not sent again").isZero();

        Map<String, Object> delivery = Webhooks.onlyDelivery(door.project(), hookId);
        assertThat(delivery).containsEntry("state", "delivered").containsEntry("attempts", 4);
        List<Map<String, Object>> log = (List<Map<String, Object>>) delivery.get("attemptLog");
        assertThat(log).extracting(a -> a.get("status")).containsExactly(500, 500, 500, 200);
        assertThat(log.get(0).get("response")).isEqualTo("{\"error\":\"boom 0\"}");
        assertThat(log.get(0).get("error")).isEqualTo("HTTP 500");
        assertThat(log.get(3).get("nextAttempt")).isNull();
        assertThat(receiver.received()).hasSize(4).extracting(Received::id).containsOnly((String) delivery.get("eventId"));
        assertThat(receiver.received()).extracting(Received::body).containsOnly((String) delivery.get("payload"));
    }

    @Test
    void aHangingReceiverIsCutAtTheTimeoutAndRetried() throws IOException {
        WebhookReceiver receiver = receiver(new WebhookReceiver(n -> n == 0 ? Reply.hanging() : Reply.status(204)));
        Webhooks.Door door = Webhooks.door();
        String hookId = (String) register(door.project(), receiver.url(), door.lock()).get("id");
        door.unlock();

        assertThat(worker.drain()).isEqualTo(1);
        Map<String, Object> first = ((List<Map<String, Object>>) Webhooks.onlyDelivery(door.project(), hookId).get("attemptLog")).get(0);
        assertThat((String) first.get("error")).startsWith("timeout");
        assertThat(first.get("status")).isNull();
        // odk.webhooks.timeout is 2 s in tests (10 s by default)
        assertThat(((Number) first.get("latencyMs")).longValue()).isBetween(1900L, 9000L);
        receiver.release();

        Webhooks.travelPast(Instant.parse((String) first.get("nextAttempt")));
        assertThat(worker.drain()).isEqualTo(1);
        assertThat(Webhooks.onlyDelivery(door.project(), hookId)).containsEntry("state", "delivered").containsEntry("attempts", 2);
    }

    /**
     * An unlock never waits for a delivery: while the receiver holds a delivery of this very lock (blocked until the test
     * releases it) and then fails every other one, unlocks keep answering 200 and each lands in the outbox; nothing is
     * timed here (docs/benchmarks.md measures the latency, bench/webhook-bench.sh).
     */
    @Test
    void unlocksAnswerWhileTheReceiverHoldsADeliveryAndThenFailsEveryOther() throws IOException {
        // The first request is held until released and then (if the sender still waits) answered 500: failed either way.
        WebhookReceiver receiver = receiver(new WebhookReceiver(n -> n == 0 ? new Reply(500, "", Map.of(), true) : Reply.status(500)));
        Webhooks.Door door = Webhooks.door();
        String hookId = (String) register(door.project(), receiver.url(), door.lock()).get("id");
        door.unlock();
        CompletableFuture<Integer> sending = CompletableFuture.supplyAsync(worker::deliverDue);
        receiver.awaitReceived(1);

        for (int i = 0; i < 5; i++) {
            door.unlock();
        }
        assertThat(receiver.inFlight()).as("the receiver still holds the first delivery").isEqualTo(1);
        assertThat(Webhooks.deliveries(door.project(), hookId)).as("every unlock queued its event meanwhile").hasSize(6);
        receiver.release();
        assertThat(sending.join()).isEqualTo(1);

        Webhooks.travelBy(java.time.Duration.ofMinutes(1));
        double retrying = metric("odk_webhook_deliveries_total{outcome=\"retrying\"}");
        double delivered = metric("odk_webhook_deliveries_total{outcome=\"delivered\"}");
        double attempts = metric("odk_webhook_delivery_latency_seconds_count");
        // The held one again and the five new ones, all answered 500 (more attempts if a 5 s backoff passes meanwhile).
        int failedAttempts = worker.drain();
        assertThat(failedAttempts).isGreaterThanOrEqualTo(6);
        assertThat(metric("odk_webhook_deliveries_total{outcome=\"retrying\"}") - retrying).isEqualTo(failedAttempts);
        door.unlock();
        assertThat(Webhooks.deliveries(door.project(), hookId)).hasSize(7)
                .allSatisfy(d -> assertThat(d).containsEntry("state", "pending"));

        receiver.replies(n -> Reply.status(200));
        Webhooks.travelBy(java.time.Duration.ofHours(2));
        assertThat(worker.drain()).as("each event once, now that the receiver answers").isEqualTo(7);
        assertThat(metric("odk_webhook_deliveries_total{outcome=\"delivered\"}") - delivered).isEqualTo(7);
        assertThat(metric("odk_webhook_delivery_latency_seconds_count") - attempts).isEqualTo(failedAttempts + 7);
        assertThat(Webhooks.deliveries(door.project(), hookId)).allSatisfy(d -> assertThat(d).containsEntry("state", "delivered"));
    }

    /** The value of one sample line of {@code /q/metrics} (0 when the series does not exist yet). */
    private static double metric(String series) {
        return RestAssured.given().get("/q/metrics").asString().lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim())).findFirst().orElse(0);
    }

    @Test
    void aRedirectIsNotFollowed() throws IOException {
        WebhookReceiver receiver = receiver(new WebhookReceiver(n -> new Reply(307, "", Map.of("Location", "/elsewhere"), false)));
        Webhooks.Door door = Webhooks.door();
        String hookId = (String) register(door.project(), receiver.url(), door.lock()).get("id");
        door.unlock();

        assertThat(worker.drain()).isEqualTo(1);
        assertThat(receiver.received()).extracting(Received::path).containsExactly("/hooks/odk");
        Map<String, Object> delivery = Webhooks.onlyDelivery(door.project(), hookId);
        assertThat(delivery).containsEntry("state", "pending");
        Map<String, Object> attempt = ((List<Map<String, Object>>) delivery.get("attemptLog")).get(0);
        assertThat(attempt).containsEntry("status", 307);
        assertThat((String) attempt.get("error")).contains("redirects are not followed");
    }

    @Test
    void retryAfterFromTheReceiverIsHonoured() throws IOException {
        WebhookReceiver receiver = receiver(new WebhookReceiver(n -> n == 0 ? new Reply(503, "", Map.of("Retry-After", "3600"), false)
                : Reply.status(200)));
        Webhooks.Door door = Webhooks.door();
        String hookId = (String) register(door.project(), receiver.url(), door.lock()).get("id");
        door.unlock();
        Instant before = Webhooks.simNow();
        assertThat(worker.drain()).isEqualTo(1);
        Instant next = Instant.parse((String) Webhooks.onlyDelivery(door.project(), hookId).get("nextAttempt"));
        assertThat(next).isAfterOrEqualTo(before.plusSeconds(3600)).isBefore(before.plusSeconds(3700));
        Webhooks.travelBy(java.time.Duration.ofMinutes(30));
        assertThat(worker.drain()).as("the 5 s backoff would be due; Retry-After asked for an hour").isZero();
        Webhooks.travelPast(next);
        assertThat(worker.drain()).isEqualTo(1);
        assertThat(Webhooks.onlyDelivery(door.project(), hookId)).containsEntry("state", "delivered");
    }

    @Test
    void twoHundredUnlocksWhileTheReceiverIsDownAllArriveOnceItIsBackWithBoundedConcurrency() throws IOException {
        WebhookReceiver receiver = receiver(WebhookReceiver.ok());
        Webhooks.Door door = Webhooks.door();
        String hookId = (String) register(door.project(), receiver.url(), door.lock()).get("id");
        receiver.stop();
        java.util.concurrent.ExecutorService phones = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            // 50 a (simulated) minute: one lock answers odk.limits.lock-attempts-per-minute (60) per minute.
            for (int batch = 0; batch < 4; batch++) {
                CompletableFuture.allOf(java.util.stream.IntStream.range(0, 50)
                        .mapToObj(i -> CompletableFuture.runAsync(door::unlock, phones)).toArray(CompletableFuture[]::new)).join();
                Webhooks.travelBy(java.time.Duration.ofSeconds(61));
            }
        } finally {
            phones.shutdown();
        }
        // The first attempts fail (connection refused); those whose 5 s backoff passes meanwhile are tried again.
        assertThat(worker.drain()).isGreaterThanOrEqualTo(200);
        List<Map<String, Object>> down = Webhooks.deliveries(door.project(), hookId);
        assertThat(down).hasSize(200).allSatisfy(d -> assertThat(d).containsEntry("state", "pending"));
        assertThat((String) ((List<Map<String, Object>>) down.get(0).get("attemptLog")).get(0).get("error")).startsWith("connection failed");

        receiver.restart();
        Webhooks.travelBy(java.time.Duration.ofMinutes(1));
        // Two workers at once, as two instances would run: no attempt is made twice, and never more than 4 at a time.
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(worker::drain);
        int sent = worker.drain() + other.join();
        assertThat(sent).isEqualTo(200);
        assertThat(worker.drain()).isZero();

        Set<String> eventIds = Webhooks.deliveries(door.project(), hookId).stream().map(d -> (String) d.get("eventId"))
                .collect(Collectors.toSet());
        assertThat(eventIds).hasSize(200);
        assertThat(receiver.received()).hasSize(200);
        assertThat(new HashSet<>(receiver.received().stream().map(Received::id).toList())).isEqualTo(eventIds);
        assertThat(receiver.maxInFlight()).isBetween(1, 4);
        assertThat(Webhooks.deliveries(door.project(), hookId)).allSatisfy(d -> assertThat(d).containsEntry("state", "delivered"));
    }

    @Test
    void aTestEventAndARedeliverySendTheSameKindOfSignedEventAgain() throws IOException {
        WebhookReceiver receiver = receiver(WebhookReceiver.ok());
        Webhooks.Door door = Webhooks.door();
        Map<String, Object> hook = register(door.project(), receiver.url(), door.lock());
        String base = Webhooks.base(door.project()) + "/" + hook.get("id");

        Map<String, Object> queued = Api.admin().post(base + "/test").then().statusCode(202).extract().jsonPath().getMap("");
        assertThat(queued).containsEntry("state", "pending");
        assertThat(worker.drain()).isEqualTo(1);
        Received test = receiver.received().get(0);
        assertThat(test.id()).isEqualTo(queued.get("eventId"));
        assertThat(StandardWebhooksVerifier.verifies((String) hook.get("secret"), test.id(), test.timestamp(), test.signature(), test.body())).isTrue();

        Api.admin().post(base + "/deliveries/" + queued.get("id") + "/redeliver").then().statusCode(202);
        assertThat(worker.drain()).isEqualTo(1);
        assertThat(receiver.received()).extracting(Received::id).containsExactly(test.id(), test.id());
        assertThat(Webhooks.onlyDelivery(door.project(), (String) hook.get("id"))).containsEntry("attempts", 2).containsEntry("state", "delivered");
        Api.assertProblem(Api.admin().post(base + "/deliveries/nope/redeliver"), 404);

        String metrics = RestAssured.given().get("/q/metrics").asString();
        assertThat(metrics).contains("odk_webhook_deliveries_total{outcome=\"delivered\"}")
                .contains("odk_webhook_delivery_latency_seconds_count");
    }
}
