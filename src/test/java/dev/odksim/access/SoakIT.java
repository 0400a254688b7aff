package dev.odksim.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.testing.PackagedServer;
import dev.odksim.testing.PackagedServer.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Soak: the packaged server under many app users at once doing the whole flow (OTP login, sticker scan, access,
 * download, unlock, logout) against the bundled reference integrator, while its fault knobs are switched on and off,
 * an admin revokes keys and rotates the signing key, and a flooder hammers the OTP endpoint of one number. Bounded
 * ({@code -Dodk.soak.seconds}, 60 by default) and self-stopping.
 *
 * <p>Holds: no 500 (answers and server log), no request past the budget (twice the project's decision {@code timeoutMs}
 * and the app's own work, {@value #BUDGET_MS} ms in all), every key answered 2xx is still stored at the end, and the OTP
 * limit (5 codes per number per window) held. Prints the figures docs/benchmarks.md reports.
 */
class SoakIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int USERS = 12;
    private static final int LOCKS = 8;
    private static final int TIMEOUT_MS = 1500;
    /**
     * A hang detector, not a latency target: twice the decision timeout (the exchange, then the app's own work) plus
     * 8 s for a 2-core machine shared with other builds, where a runnable thread can wait seconds for a core.
     */
    private static final int BUDGET_MS = 2 * TIMEOUT_MS + 8000;
    private static final int LOGINS_PER_USER = 4;

    private record Sample(String op, int status, long millis) {
    }

    private record IssuedKey(String id, String token, String lockId) {
    }

    private final Http http = new Http();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<IssuedKey> issued = new ConcurrentLinkedQueue<>();
    private final Set<String> revokedByAdmin = ConcurrentHashMap.newKeySet();
    private volatile String base;
    private volatile String admin;

    @TempDir
    Path dataDir;

    @Test
    void manyUsersFaultsRevocationsAndRotationsTogether() throws Exception {
        long seconds = Long.getLong("odk.soak.seconds", 60);
        try (PackagedServer server = new PackagedServer(dataDir, PackagedServer.freePort(), Map.of())) {
            server.start();
            base = server.base();
            admin = server.adminToken();
            String run = Long.toString(System.currentTimeMillis() % 100_000);
            List<String> locks = setUp(run);
            List<String> phones = workers(run, locks);
            String flooded = phone(run, USERS);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService pool = Executors.newFixedThreadPool(USERS + 3);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (String phone : phones) {
                work.add(pool.submit(() -> user(phone, locks, deadline, go)));
            }
            work.add(pool.submit(() -> faults(deadline, go)));
            work.add(pool.submit(() -> adminWork(deadline, go)));
            work.add(pool.submit(() -> flood(flooded, deadline, go)));
            long started = System.nanoTime();
            go.countDown();
            for (Future<?> f : work) {
                f.get(seconds + 120, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
            long wallMs = (System.nanoTime() - started) / 1_000_000;
            call("PUT", "/integrator/admin/faults", admin, "{\"latencyMs\":0,\"forceStatus\":null,\"malformedBody\":false}");

            report(wallMs);
            List<Sample> all = new ArrayList<>(samples);
            assertThat(all).as("requests made").hasSizeGreaterThan(200);
            assertThat(all).filteredOn(s -> s.status() >= 500 && s.status() < 502).as("500 answers").isEmpty();
            assertThat(all).filteredOn(s -> s.status() < 0).as("requests without an answer").isEmpty();
            assertThat(server.serverErrors()).as("\"Unexpected error\" lines in the server log").isZero();
            assertThat(all).filteredOn(s -> s.op().equals("access") && (s.status() == 201 || s.status() == 200))
                    .as("granted access requests").isNotEmpty();

            int codes = call("GET", "/api/sim/v1/sms?limit=1000&to=" + flooded.replace("+", "%2B"), admin, null)
                    .path("messages").size();
            long accepted = all.stream().filter(s -> s.op().equals("otp-flood") && s.status() == 202).count();
            assertThat(codes).as("codes sent to the flooded number").isLessThanOrEqualTo(5);
            assertThat(accepted).as("flood requests accepted").isLessThanOrEqualTo(5);
            assertThat(all).filteredOn(s -> s.op().equals("otp-flood")).extracting(Sample::status).as("flood answers")
                    .containsOnly(202, 429);

            for (IssuedKey key : issued) {
                JsonNode stored = call("GET", "/api/admin/v1/projects/demo/keys/" + key.id(), admin, null);
                assertThat(stored.path("token").asText()).as("key %s", key.id()).isEqualTo(key.token());
                assertThat(stored.path("state").asText()).as("key %s", key.id())
                        .isEqualTo(revokedByAdmin.contains(key.id()) ? "revoked" : "active");
            }
            System.out.printf("Soak: %d keys answered 2xx, all stored; %d revoked by the admin; flooded number got %d codes%n",
                    issued.size(), revokedByAdmin.size(), codes);
            assertThat(all).filteredOn(s -> s.millis() > BUDGET_MS).as("requests past the budget of %d ms", BUDGET_MS).isEmpty();
        }
    }

    private List<String> setUp(String run) throws Exception {
        call("PUT", "/api/admin/v1/projects/demo/on-demand", admin,
                "{\"timeoutMs\":" + TIMEOUT_MS + ",\"connectTimeoutMs\":500,\"circuitBreakerDelayMs\":1500}");
        List<String> locks = new ArrayList<>();
        for (int i = 0; i < LOCKS; i++) {
            String lock = "soak-" + run + "-" + i;
            call("POST", "/api/admin/v1/projects/demo/locks", admin, "{\"id\":\"" + lock + "\",\"name\":\"Soak door " + i + "\"}");
            call("POST", "/api/admin/v1/projects/demo/tags", admin, "{\"lockId\":\"" + lock + "\",\"tagId\":\"" + lock + "\"}");
            locks.add(lock);
        }
        StringBuilder ids = new StringBuilder();
        locks.forEach(l -> ids.append(ids.length() == 0 ? "" : ",").append('"').append(l).append('"'));
        call("POST", "/integrator/admin/locations", admin, "{\"id\":\"soak-" + run + "\",\"name\":\"Soak\",\"lockIds\":[" + ids + "]}");
        return locks;
    }

    private List<String> workers(String run, List<String> locks) throws Exception {
        List<String> phones = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < USERS; i++) {
            String phone = phone(run, i);
            String worker = "soak-" + run + "-w" + i;
            call("POST", "/integrator/admin/workers", admin, "{\"id\":\"" + worker + "\",\"name\":\"Worker " + i + "\",\"phone\":\"" + phone + "\"}");
            call("POST", "/integrator/admin/tasks", admin, "{\"workerId\":\"" + worker + "\",\"locationId\":\"soak-" + run
                    + "\",\"title\":\"Soak\",\"start\":\"" + now.minusSeconds(60) + "\",\"end\":\"" + now.plusSeconds(7200) + "\"}");
            phones.add(phone);
        }
        return phones;
    }

    /**
     * A Norwegian mobile number (+47 4…, eight national digits) unique per worker in this run: the worker's index, then
     * the run id padded to five digits. The flooded number is index {@link #USERS}, so it is nobody's worker.
     */
    static String phone(String run, int index) {
        return String.format("+474%02d%05d", index, Long.parseLong(run) % 100_000);
    }

    private Void user(String phone, List<String> locks, long deadline, CountDownLatch go) throws Exception {
        go.await();
        for (int login = 0; login < LOGINS_PER_USER && System.nanoTime() < deadline; login++) {
            if (timed("otp", "POST", "/api/app/v1/auth/otp", null, "{\"appUserId\":\"" + phone + "\"}").status() != 202) {
                continue;
            }
            JsonNode sms = call("GET", "/api/sim/v1/sms?to=" + phone.replace("+", "%2B"), admin, null);
            String code = sms.path("messages").get(0).path("code").asText();
            Http.Answer token = timed("login", "POST", "/api/app/v1/auth/token", null,
                    "{\"appUserId\":\"" + phone + "\",\"code\":\"" + code + "\"}");
            if (token.status() != 200) {
                continue;
            }
            String session = JSON.readTree(token.body()).path("accessToken").asText();
            long sessionEnd = Math.min(deadline, System.nanoTime() + (deadline - System.nanoTime()) / (LOGINS_PER_USER - login));
            while (System.nanoTime() < sessionEnd) {
                String lock = locks.get(ThreadLocalRandom.current().nextInt(locks.size()));
                timed("scan", "GET", "/t/" + lock, null, null);
                Http.Answer access = timed("access", "POST", "/api/app/v1/locks/" + lock + "/access", session, "{}");
                if (access.status() != 200 && access.status() != 201) {
                    continue;
                }
                JsonNode key = JSON.readTree(access.body()).path("key");
                String keyId = key.path("id").asText();
                String jws = key.path("token").asText();
                if (access.status() == 201) {
                    issued.add(new IssuedKey(keyId, jws, lock));
                }
                timed("download", "GET", "/api/app/v1/keys/" + keyId, session, null);
                timed("unlock", "POST", "/api/sim/v1/locks/" + lock + "/unlock", null, "{\"key\":\"" + jws + "\"}");
            }
            timed("logout", "POST", "/api/app/v1/auth/logout", session, null);
        }
        return null;
    }

    /** The reference integrator's fault knobs, switched every two seconds: slow past the timeout, 503, garbage, healthy. */
    private Void faults(long deadline, CountDownLatch go) throws Exception {
        go.await();
        List<String> settings = List.of("{\"latencyMs\":0,\"forceStatus\":null,\"malformedBody\":false}",
                "{\"latencyMs\":" + (TIMEOUT_MS + 500) + ",\"forceStatus\":null,\"malformedBody\":false}",
                "{\"latencyMs\":0,\"forceStatus\":null,\"malformedBody\":false}",
                "{\"latencyMs\":0,\"forceStatus\":503,\"malformedBody\":false}",
                "{\"latencyMs\":0,\"forceStatus\":null,\"malformedBody\":false}",
                "{\"latencyMs\":0,\"forceStatus\":null,\"malformedBody\":true}");
        for (int i = 0; System.nanoTime() < deadline; i++) {
            timed("faults", "PUT", "/integrator/admin/faults", admin, settings.get(i % settings.size()));
            pause(deadline, 2000);
        }
        return null;
    }

    /** An admin revoking a key a user was given every second and rotating the signing key every ten. */
    private Void adminWork(long deadline, CountDownLatch go) throws Exception {
        go.await();
        for (int i = 1; System.nanoTime() < deadline; i++) {
            List<IssuedKey> keys = new ArrayList<>(issued);
            if (!keys.isEmpty()) {
                IssuedKey victim = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
                Http.Answer revoked = timed("revoke", "POST", "/api/admin/v1/projects/demo/keys/" + victim.id() + "/revoke", admin,
                        "{\"reason\":\"soak\"}");
                if (revoked.status() == 200) {
                    revokedByAdmin.add(victim.id());
                }
            }
            if (i % 10 == 0) {
                timed("rotate", "POST", "/api/admin/v1/signing-keys/rotate", admin, "{}");
            }
            pause(deadline, 1000);
        }
        return null;
    }

    /** Bursts of twelve parallel code requests for one number: the limit of five per window must hold. */
    private Void flood(String phone, long deadline, CountDownLatch go) throws Exception {
        go.await();
        ExecutorService burst = Executors.newFixedThreadPool(12);
        try {
            while (System.nanoTime() < deadline) {
                List<Future<?>> all = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    all.add(burst.submit(() -> timed("otp-flood", "POST", "/api/app/v1/auth/otp", null, "{\"appUserId\":\"" + phone + "\"}")));
                }
                for (Future<?> f : all) {
                    f.get(60, TimeUnit.SECONDS);
                }
                pause(deadline, 5000);
            }
        } finally {
            burst.shutdownNow();
        }
        return null;
    }

    /** Waits for {@code millis} or until the run's deadline: pacing of the background actors, not synchronisation. */
    private static void pause(long deadline, long millis) throws InterruptedException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left > 0) {
            Thread.sleep(Math.min(left, millis));
        }
    }

    private Http.Answer timed(String op, String method, String path, String bearer, String json) {
        try {
            Http.Answer answer = http.send(method, base + path, bearer, json);
            samples.add(new Sample(op, answer.status(), answer.millis()));
            return answer;
        } catch (Exception e) {
            samples.add(new Sample(op, -1, -1));
            return new Http.Answer(-1, e.toString(), -1);
        }
    }

    private JsonNode call(String method, String path, String bearer, String json) throws Exception {
        Http.Answer answer = http.send(method, base + path, bearer, json);
        assertThat(answer.status()).as(method + " " + path + ": " + answer.body()).isBetween(200, 299);
        return answer.body().isEmpty() ? JSON.nullNode() : JSON.readTree(answer.body());
    }

    private void report(long wallMs) {
        Map<String, List<Sample>> byOp = new TreeMap<>();
        samples.forEach(s -> byOp.computeIfAbsent(s.op(), k -> new ArrayList<>()).add(s));
        StringBuilder out = new StringBuilder(String.format("%nSoak figures: %d requests in %.1f s (%.0f/s), %d users, %d locks%n",
                samples.size(), wallMs / 1000.0, samples.size() * 1000.0 / wallMs, USERS, LOCKS));
        out.append("| operation | requests | outcomes (status × count) | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
        byOp.forEach((op, list) -> {
            Map<Integer, Integer> outcomes = new TreeMap<>();
            list.forEach(s -> outcomes.merge(s.status(), 1, Integer::sum));
            List<Long> millis = new ArrayList<>(list.stream().map(Sample::millis).toList());
            Collections.sort(millis);
            StringBuilder counts = new StringBuilder();
            outcomes.forEach((status, count) -> counts.append(counts.length() == 0 ? "" : ", ").append(status).append(" × ").append(count));
            out.append(String.format("| %s | %d | %s | %d | %d | %d |%n", op, list.size(), counts,
                    percentile(millis, 50), percentile(millis, 99), millis.get(millis.size() - 1)));
        });
        System.out.println(out);
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
