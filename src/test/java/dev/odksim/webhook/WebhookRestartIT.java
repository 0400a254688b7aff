package dev.odksim.webhook;

import dev.odksim.testing.WebhookReceiver;
import dev.odksim.testing.WebhookReceiver.Received;
import dev.odksim.testing.WebhookReceiver.Reply;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged server with its background worker, as a user runs it: an unlock's event survives a {@code kill -9}
 * right after the unlock and is delivered after the restart; and the unlock's latency is measured with a webhook whose
 * receiver hangs and without any (printed, not asserted: docs/benchmarks.md).
 */
class WebhookRestartIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WebhookReceiver> receivers = new ArrayList<>();
    private Process server;
    private String base;
    private String admin;

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void anEventSurvivesKillNineRightAfterTheUnlockAndIsDeliveredAfterRestart() throws Exception {
        int port = freePort();
        startWithRetry(port);
        base = "http://localhost:" + port;
        admin = Files.readString(dataDir.resolve("admin-token")).strip();
        String token = keyToFrontDoor();
        WebhookReceiver receiver = new WebhookReceiver(n -> n == 0 ? Reply.hanging() : Reply.status(200));
        receivers.add(receiver);
        String hookId = JsonPath.from(send("POST", "/api/admin/v1/projects/demo/webhooks",
                "{\"trigger\":\"accessEvent\",\"url\":\"" + receiver.url() + "\",\"lockId\":\"demo-front-door\"}", 201)).getString("id");

        send("POST", "/api/sim/v1/locks/demo-front-door/unlock", "{\"key\":\"" + token + "\"}", 200);
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int beforeRestart = receiver.received().size();

        startWithRetry(port);
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
        HttpResponse<String> granted = http.send(HttpRequest.newBuilder(URI.create(base + "/api/app/v1/locks/demo-front-door/access"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + session)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
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
    private void startWithRetry(int port) throws Exception {
        try {
            start(port);
        } catch (java.util.concurrent.ExecutionException e) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            start(port);
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, 200);
    }

    private String send(String method, String path, String json, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + " " + response.body()).isEqualTo(expected);
        return response.body();
    }

    private void start(int port) throws Exception {
        String jar = System.getProperty("odk.test.jar", "target/quarkus-app/quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar)
                .redirectErrorStream(true);
        builder.environment().put("ODK_DATA_DIR", dataDir.toString());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // A shorter attempt timeout, so the lease of the attempt cut by the kill runs out sooner (2 x timeout + 5 s).
        builder.environment().put("ODK_WEBHOOKS_TIMEOUT", "PT2S");
        // The latency measurement opens one lock hundreds of times a minute.
        builder.environment().put("ODK_LIMITS_LOCK_ATTEMPTS_PER_MINUTE", "100000");
        builder.environment().put("ODK_LIMITS_ADDRESS_ATTEMPTS_PER_MINUTE", "100000");
        builder.environment().remove("ODK_ADMIN_TOKEN");
        // Plain HTTP: the HTTPS port is fixed (8443) and any other process holding it stopped the start (HttpsIT covers HTTPS).
        builder.environment().put("ODK_HTTPS_ENABLED", "false");
        server = builder.start();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Process process = server;
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    System.out.println("[server] " + line);
                    if (line.contains("Listening on")) {
                        listening.complete(null);
                    }
                }
                listening.completeExceptionally(new IllegalStateException("server exited before listening"));
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        listening.get(180, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
