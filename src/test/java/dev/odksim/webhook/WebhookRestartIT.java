package dev.odksim.webhook;

import dev.odksim.testing.PackagedServer;
import dev.odksim.testing.WebhookReceiver;
import dev.odksim.testing.WebhookReceiver.Received;
import dev.odksim.testing.WebhookReceiver.Reply;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged server with its background worker, as a user runs it: an unlock's event survives a {@code kill -9}
 * right after the unlock and is delivered after the restart; and the unlock's latency is measured with a webhook whose
 * receiver hangs and without any (printed, not asserted: docs/benchmarks.md).
 */
class WebhookRestartIT {

    private final PackagedServer.Http http = new PackagedServer.Http();
    private final List<WebhookReceiver> receivers = new ArrayList<>();
    private PackagedServer server;
    private String admin;

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void anEventSurvivesKillNineRightAfterTheUnlockAndIsDeliveredAfterRestart() throws Exception {
        server = new PackagedServer(dataDir, PackagedServer.freePort(), Map.of(
                // A shorter attempt timeout, so the lease of the attempt cut by the kill runs out sooner (2 x timeout + 5 s).
                "ODK_WEBHOOKS_TIMEOUT", "PT2S",
                // The latency measurement opens one lock hundreds of times a minute.
                "ODK_LIMITS_LOCK_ATTEMPTS_PER_MINUTE", "100000", "ODK_LIMITS_ADDRESS_ATTEMPTS_PER_MINUTE", "100000"));
        startWithRetry();
        admin = server.adminToken();
        String token = keyToFrontDoor();
        WebhookReceiver receiver = new WebhookReceiver(n -> n == 0 ? Reply.hanging() : Reply.status(200));
        receivers.add(receiver);
        String hookId = JsonPath.from(send("POST", "/api/admin/v1/projects/demo/webhooks",
                "{\"trigger\":\"accessEvent\",\"url\":\"" + receiver.url() + "\",\"lockId\":\"demo-front-door\"}", 201)).getString("id");

        send("POST", "/api/sim/v1/locks/demo-front-door/unlock", "{\"key\":\"" + token + "\"}", 200);
        server.kill();
        int beforeRestart = receiver.received().size();

        startWithRetry();
        boolean delivered = within(() -> receiver.received().size() > beforeRestart && deliveryState(hookId).equals("delivered"), 120);
        assertThat(delivered).as("delivered after the restart; requests before the kill: " + beforeRestart + ", delivery log: "
                + get("/api/admin/v1/projects/demo/webhooks/" + hookId + "/deliveries")).isTrue();
        List<Received> got = receiver.received();
        assertThat(got.stream().map(Received::id).distinct()).hasSize(1);
        JsonPath delivery = JsonPath.from(send("GET", "/api/admin/v1/projects/demo/webhooks/" + hookId + "/deliveries", null, 200));
        assertThat(delivery.getString("deliveries[0].eventId")).isEqualTo(got.get(0).id());
        assertThat(JsonPath.from(got.get(got.size() - 1).body()).getString("lockId")).isEqualTo("demo-front-door");
        System.out.printf("[webhook-restart] requests before kill: %d, after restart: %d, attempts logged: %d%n",
                beforeRestart, got.size() - beforeRestart, delivery.getList("deliveries[0].attemptLog").size());

        measureUnlockLatency(token);
    }

    /** Unlock latency (ms) with no webhook and with a webhook whose receiver never answers; printed for docs/benchmarks.md. */
    private void measureUnlockLatency(String token) throws Exception {
        String unlock = "{\"key\":\"" + token + "\"}";
        for (int i = 0; i < 30; i++) {
            send("POST", "/api/sim/v1/locks/demo-front-door/unlock", unlock, 200);
        }
        WebhookReceiver hanging = new WebhookReceiver(n -> Reply.hanging());
        receivers.add(hanging);
        List<Long> without = timeUnlocks(unlock, 200);
        String hookId = JsonPath.from(send("POST", "/api/admin/v1/projects/demo/webhooks",
                "{\"trigger\":\"accessEvent\",\"url\":\"" + hanging.url() + "\"}", 201)).getString("id");
        List<Long> with = timeUnlocks(unlock, 200);
        assertThat(hanging.received()).as("the hanging receiver was being called meanwhile").isNotEmpty();
        String line = String.format("[webhook-latency] unlock ms without webhook: p50 %.1f p95 %.1f; with a hanging receiver: p50 %.1f p95 %.1f (n=200 each)",
                percentile(without, 50), percentile(without, 95), percentile(with, 50), percentile(with, 95));
        System.out.println(line);
        Files.writeString(Path.of("target", "webhook-unlock-latency.txt"), line + System.lineSeparator());
        send("DELETE", "/api/admin/v1/projects/demo/webhooks/" + hookId, null, 204);
    }

    private List<Long> timeUnlocks(String body, int n) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            send("POST", "/api/sim/v1/locks/demo-front-door/unlock", body, 200);
            micros.add((System.nanoTime() - start) / 1000);
        }
        return micros;
    }

    private static double percentile(List<Long> micros, int p) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1000.0;
    }

    private String keyToFrontDoor() throws Exception {
        send("POST", "/api/app/v1/auth/otp", "{\"appUserId\":\"+4712345678\"}", 202);
        String code = JsonPath.from(get("/api/sim/v1/sms?to=%2B4712345678")).getString("messages[0].code");
        String session = JsonPath.from(send("POST", "/api/app/v1/auth/token",
                "{\"appUserId\":\"+4712345678\",\"code\":\"" + code + "\"}", 200)).getString("accessToken");
        PackagedServer.Http.Answer granted = http.send("POST", server.base() + "/api/app/v1/locks/demo-front-door/access", session, "{}");
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        return JsonPath.from(granted.body()).getString("key.token");
    }

    private String deliveryState(String hookId) {
        try {
            return JsonPath.from(get("/api/admin/v1/projects/demo/webhooks/" + hookId + "/deliveries")).getString("deliveries[0].state");
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Polls {@code condition} until it holds or {@code seconds} pass (a deadline, not a sleep standing in for a signal). */
    private static boolean within(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    /**
     * On a loaded machine one start may time out acquiring its first database connection (after a kill -9 H2 also waits
     * out the dead process's file lock): one more try.
     */
    private void startWithRetry() throws Exception {
        try {
            server.start();
        } catch (java.util.concurrent.ExecutionException e) {
            server.kill();
            server.start();
        }
    }

    private String get(String path) throws Exception {
        return send("GET", path, null, 200);
    }

    private String send(String method, String path, String json, int expected) throws Exception {
        PackagedServer.Http.Answer answer = http.send(method, server.base() + path, admin, json);
        assertThat(answer.status()).as(method + " " + path + " " + answer.body()).isEqualTo(expected);
        return answer.body();
    }
}
