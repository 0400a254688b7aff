import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unlock latency with and without a webhook receiver in trouble (issue 11, docs/benchmarks.md), a single-file program
 * for the JDK's source launcher:
 *   java bench/WebhookUnlockBench.java --base http://localhost:18081 --token ADMIN_TOKEN [--unlocks 2000] [--concurrency 8]
 *
 * The server must run with its delivery worker on (the default) and a lock attempt limit high enough for the run
 * (bench/webhook-bench.sh sets ODK_LIMITS_LOCK_ATTEMPTS_PER_MINUTE). For each receiver it makes a fresh project with one
 * lock and one assigned key, registers a webhook for that lock pointing at a receiver this program serves itself, and
 * unlocks the lock `unlocks` times in a closed loop (`concurrency` workers):
 *   - no webhook: the baseline;
 *   - healthy: the receiver answers 204 at once;
 *   - failing: it answers 500 to everything (every event is retried);
 *   - hanging: it never answers, so every attempt holds a sender until the 10 s timeout cuts it;
 *   - down: nothing listens on the port (connection refused);
 *   - no webhook again, to see how much the machine drifted meanwhile.
 * Each webhook is deleted when its phase ends, so the next phase does not inherit its backlog of deliveries.
 * It also counts the requests that phase's receiver got during the phase and prints the webhook metrics after each
 * phase, to show the worker was busy with the events meanwhile (the latency max shows the 10 s cuts).
 */
public class WebhookUnlockBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    static String adminToken;

    public static void main(String[] args) throws Exception {
        int unlocks = 2000;
        int concurrency = 8;
        int warmup = 300;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--base" -> base = args[i + 1];
                case "--token" -> adminToken = args[i + 1];
                case "--unlocks" -> unlocks = Integer.parseInt(args[i + 1]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (base == null || adminToken == null) {
            System.err.println("usage: java bench/WebhookUnlockBench.java --base URL --token ADMIN_TOKEN [--unlocks N] [--concurrency C] [--warmup N]");
            System.exit(3);
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        CountDownLatch never = new CountDownLatch(1);
        java.util.Map<String, AtomicInteger> received = new java.util.concurrent.ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        receiver.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "receiver");
            t.setDaemon(true);
            return t;
        }));
        receiver.createContext("/healthy", exchange -> {
            received.computeIfAbsent("healthy", k -> new AtomicInteger()).incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.createContext("/failing", exchange -> {
            received.computeIfAbsent("failing", k -> new AtomicInteger()).incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        receiver.createContext("/hanging", exchange -> {
            received.computeIfAbsent("hanging", k -> new AtomicInteger()).incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            try {
                never.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        receiver.start();
        String at = "http://127.0.0.1:" + receiver.getAddress().getPort();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }

        System.out.println("Warming up (" + warmup + " unlocks, no webhook)...");
        Door warm = door(run + "-warm", null);
        phase("warm-up", warmup, concurrency, warm, new AtomicInteger());

        List<Result> results = new ArrayList<>();
        results.add(phase("no webhook", unlocks, concurrency, door(run + "-none", null), new AtomicInteger()));
        results.add(phase("healthy receiver (204 at once)", unlocks, concurrency, door(run + "-ok", at + "/healthy"),
                received.computeIfAbsent("healthy", k -> new AtomicInteger())));
        results.add(phase("failing receiver (500)", unlocks, concurrency, door(run + "-500", at + "/failing"),
                received.computeIfAbsent("failing", k -> new AtomicInteger())));
        results.add(phase("hanging receiver (cut at 10 s)", unlocks, concurrency, door(run + "-hang", at + "/hanging"),
                received.computeIfAbsent("hanging", k -> new AtomicInteger())));
        results.add(phase("receiver down (connection refused)", unlocks, concurrency,
                door(run + "-down", "http://127.0.0.1:" + closedPort + "/down"), new AtomicInteger()));
        results.add(phase("no webhook (again, after the others)", unlocks, concurrency, door(run + "-none2", null), new AtomicInteger()));
        never.countDown();
        receiver.stop(0);

        System.out.println();
        System.out.printf("| receiver | unlocks | errors | unlocks/s | p50 ms | p99 ms | requests at this receiver during the phase |%n|---|---|---|---|---|---|---|%n");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.0f | %.1f | %.1f | %d |%n", r.name, r.requests, r.errors, r.perSecond,
                    r.p50, r.p99, r.received);
        }
        System.out.printf("Concurrency %d, %d cores, Java %s%n", concurrency, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        if (results.stream().anyMatch(r -> r.errors > 0)) {
            System.exit(1);
        }
    }

    /** A lock, a key to it, and the webhook watching it (null: none). */
    record Door(String project, String lock, String keyToken, String webhookId) {
    }

    record Result(String name, int requests, int errors, double perSecond, double p50, double p99, int received) {
    }

    /** A fresh project with one lock and one assigned key to it; with {@code webhookUrl}, a webhook on that lock. */
    static Door door(String id, String webhookUrl) throws Exception {
        String project = "wb-" + id;
        admin("POST", "/api/admin/v1/projects", "{\"id\":\"" + project + "\",\"name\":\"Webhook bench " + id + "\"}", 201);
        String lock = "wb-lock-" + id;
        admin("POST", "/api/admin/v1/projects/" + project + "/locks", "{\"id\":\"" + lock + "\",\"name\":\"Bench door " + id + "\"}", 201);
        String keys = admin("POST", "/api/admin/v1/projects/" + project + "/keys",
                "{\"keys\":[{\"lockId\":\"" + lock + "\",\"appUserId\":\"+4799000001\"}]}", 201);
        Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(keys);
        if (!token.find()) {
            throw new IllegalStateException("no key token in " + keys);
        }
        String webhookId = null;
        if (webhookUrl != null) {
            String hook = admin("POST", "/api/admin/v1/projects/" + project + "/webhooks",
                    "{\"trigger\":\"accessEvent\",\"url\":\"" + webhookUrl + "\",\"lockId\":\"" + lock + "\"}", 201);
            Matcher hookId = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(hook);
            if (!hookId.find()) {
                throw new IllegalStateException("no webhook id in " + hook);
            }
            webhookId = hookId.group(1);
        }
        return new Door(project, lock, token.group(1), webhookId);
    }

    static Result phase(String name, int n, int concurrency, Door door, AtomicInteger received) throws InterruptedException {
        long[] latencies = new long[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<String> firstErrors = new ArrayList<>();
        HttpRequest unlock = HttpRequest.newBuilder(URI.create(base + "/api/sim/v1/locks/" + door.lock + "/unlock"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + door.keyToken + "\"}")).build();
        int receivedBefore = received.get();
        Thread[] workers = new Thread[concurrency];
        long started = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            workers[w] = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = HTTP.send(unlock, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                            synchronized (firstErrors) {
                                if (firstErrors.size() < 3) {
                                    firstErrors.add(response.statusCode() + " " + response.body());
                                }
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        errors.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - t0;
                }
            });
            workers[w].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int receivedDuring = received.get() - receivedBefore;
        if (door.webhookId != null) {
            // The next phase starts without this one's backlog: deleting the webhook drops its pending deliveries.
            try {
                admin("DELETE", "/api/admin/v1/projects/" + door.project + "/webhooks/" + door.webhookId, null, 204);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Arrays.sort(latencies);
        Result result = new Result(name, n, errors.get(), n / seconds, latencies[(int) (n * 0.50)] / 1e6,
                latencies[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6, receivedDuring);
        String metrics = "";
        try {
            metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body()
                    .lines().filter(l -> l.startsWith("odk_webhook_deliveries_total") || l.startsWith("odk_webhook_delivery_latency_seconds_max"))
                    .map(l -> l.replace("odk_webhook_", "")).reduce((a, b) -> a + ", " + b).orElse("");
        } catch (IOException e) {
            metrics = "metrics unavailable: " + e;
        }
        System.out.printf(Locale.ROOT, "%-36s %6d unlocks in %6.2f s: %6.0f/s  p50 %6.1f ms  p99 %6.1f ms  errors %d  received %d %s%n    metrics now: %s%n",
                name, n, seconds, result.perSecond, result.p50, result.p99, errors.get(), result.received,
                firstErrors.isEmpty() ? "" : firstErrors, metrics);
        return result;
    }

    static String admin(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
