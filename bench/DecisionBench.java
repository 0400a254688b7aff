import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decision benchmark (docs/benchmarks.md), a single-file program for the JDK's source launcher:
 *   java bench/DecisionBench.java --base http://localhost:18080 --token ADMIN_TOKEN [--flows 2000] [--concurrency 8] [--warmup 1500]
 *
 * Against a running odk-sim with its demo data it measures, in one run and on the same locks:
 *   1. bare GET of the reference integrator's check-access (what one decision costs the integrator side), 5 requests per lock;
 *   2. fresh on-demand flows: POST access for a (user, lock) pair with no key yet, so every request is one decision
 *      call + one key minted (each lock is used exactly once; the script creates them);
 *   3. the existing-key path: the same requests again, now answered from the stored keys, 5 per lock.
 * Before them, --warmup requests of each path (default 1500) on locks of their own.
 * Closed loop: `concurrency` workers each send the next request as soon as the previous one returned.
 */
public class DecisionBench {

    static final int FAST_REPEAT = 5;

    static final String KARI = "+4712345678";
    static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    static String adminToken;

    public static void main(String[] args) throws Exception {
        int flows = 2000;
        int concurrency = 8;
        int warmup = 1500;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--base" -> base = args[i + 1];
                case "--token" -> adminToken = args[i + 1];
                case "--flows" -> flows = Integer.parseInt(args[i + 1]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (base == null || adminToken == null) {
            System.err.println("usage: java bench/DecisionBench.java --base URL --token ADMIN_TOKEN [--flows N] [--concurrency C] [--warmup N]");
            System.exit(3);
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        System.out.printf("Setting up %d + %d warm-up locks in project demo (run %s)...%n", flows, warmup, run);
        List<String> warm = locks("bw-" + run, warmup);
        List<String> locks = locks("b-" + run, flows);
        List<String> all = new ArrayList<>(warm);
        all.addAll(locks);
        grantKari(run, all);
        String app = login();

        IntFunction<HttpRequest> bare = i -> HttpRequest.newBuilder(URI.create(base + "/integrator/check-access?lockId="
                + enc(locks.get(i)) + "&appUserId=" + enc(KARI))).header("X-Api-Key", "demo-integrator-key")
                .header("Accept", "application/json").GET().build();
        IntFunction<HttpRequest> warmAccess = i -> access(app, warm.get(i));
        IntFunction<HttpRequest> access = i -> access(app, locks.get(i));

        System.out.println("Warming up...");
        phase("warm-up bare GET", warmup, concurrency, i -> bare.apply(i % locks.size()), 200);
        phase("warm-up on-demand", warmup, concurrency, warmAccess, 201);
        phase("warm-up existing key", warmup, concurrency, warmAccess, 200);

        // The two fast paths repeat over the same locks, FAST_REPEAT times as many requests as flows: 2,000 of them took
        // 2 s, and a phase that short swung by a third between runs.
        Result get = phase("bare GET /integrator/check-access", flows * FAST_REPEAT, concurrency, i -> bare.apply(i % locks.size()), 200);
        Result onDemand = phase("on-demand flow (decision + mint)", flows, concurrency, access, 201);
        Result existing = phase("existing key (no decision)", flows * FAST_REPEAT, concurrency, i -> access.apply(i % locks.size()), 200);

        System.out.println();
        System.out.printf("| path | requests | errors | flows/s | p50 ms | p99 ms |%n|---|---|---|---|---|---|%n");
        for (Result r : List.of(get, onDemand, existing)) {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.0f | %.1f | %.1f |%n", r.name, r.requests, r.errors, r.perSecond, r.p50, r.p99);
        }
        System.out.printf(Locale.ROOT, "%nRatio on-demand / bare GET: throughput %.2f, p50 latency %.2fx, p99 latency %.2fx%n",
                onDemand.perSecond / get.perSecond, onDemand.p50 / get.p50, onDemand.p99 / get.p99);
        System.out.printf("Concurrency %d, %d cores, Java %s%n", concurrency, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        if (get.errors + onDemand.errors + existing.errors > 0) {
            System.exit(1);
        }
    }

    record Result(String name, int requests, int errors, double perSecond, double p50, double p99) {
    }

    static Result phase(String name, int n, int concurrency, IntFunction<HttpRequest> request, int expected) throws InterruptedException {
        long[] latencies = new long[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<String> firstErrors = new ArrayList<>();
        Thread[] workers = new Thread[concurrency];
        long started = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            workers[w] = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request.apply(i), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != expected) {
                            errors.incrementAndGet();
                            synchronized (firstErrors) {
                                if (firstErrors.size() < 3) {
                                    firstErrors.add(response.statusCode() + " " + response.body());
                                }
                            }
                        }
                    } catch (Exception e) {
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
        Arrays.sort(latencies);
        Result result = new Result(name, n, errors.get(), n / seconds, latencies[(int) (n * 0.50)] / 1e6,
                latencies[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6);
        System.out.printf(Locale.ROOT, "%-36s %6d req in %6.2f s: %7.0f/s  p50 %6.1f ms  p99 %6.1f ms  errors %d %s%n", name, n, seconds,
                result.perSecond, result.p50, result.p99, errors.get(), firstErrors.isEmpty() ? "" : firstErrors);
        return result;
    }

    static HttpRequest access(String app, String lock) {
        return HttpRequest.newBuilder(URI.create(base + "/api/app/v1/locks/" + enc(lock) + "/access"))
                .header("Authorization", "Bearer " + app).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    }

    static List<String> locks(String prefix, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = prefix + "-" + i;
            admin("POST", "/api/admin/v1/projects/demo/locks", "{\"id\":\"" + id + "\",\"name\":\"Bench " + id + "\"}", 201);
            ids.add(id);
        }
        return ids;
    }

    /** One reference-integrator location holding every bench lock, and a task there for Kari for the next 8 hours. */
    static void grantKari(String run, List<String> locks) throws Exception {
        StringBuilder ids = new StringBuilder();
        for (String lock : locks) {
            ids.append(ids.length() == 0 ? "" : ",").append('"').append(lock).append('"');
        }
        admin("POST", "/integrator/admin/locations", "{\"id\":\"bench-" + run + "\",\"name\":\"Bench\",\"lockIds\":[" + ids + "]}", 201);
        java.time.Instant now = java.time.Instant.now();
        admin("POST", "/integrator/admin/tasks", "{\"workerId\":\"kari\",\"locationId\":\"bench-" + run + "\",\"title\":\"Bench\",\"start\":\""
                + now.minusSeconds(60) + "\",\"end\":\"" + now.plusSeconds(8 * 3600) + "\"}", 201);
    }

    static String login() throws Exception {
        send(HttpRequest.newBuilder(URI.create(base + "/api/app/v1/auth/otp")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"appUserId\":\"" + KARI + "\"}")).build(), 202);
        String sms = admin("GET", "/api/sim/v1/sms?to=" + enc(KARI), null, 200);
        Matcher code = Pattern.compile("\"code\"\\s*:\\s*\"(\\d+)\"").matcher(sms);
        if (!code.find()) {
            throw new IllegalStateException("no OTP in the SMS inbox: " + sms);
        }
        String token = send(HttpRequest.newBuilder(URI.create(base + "/api/app/v1/auth/token")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"appUserId\":\"" + KARI + "\",\"code\":\"" + code.group(1) + "\"}")).build(), 200);
        Matcher access = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"").matcher(token);
        if (!access.find()) {
            throw new IllegalStateException("no access token: " + token);
        }
        return access.group(1);
    }

    static String admin(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(b.build(), expected);
    }

    static String send(HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
