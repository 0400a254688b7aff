package dev.odksim.testing;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The packaged server ({@code target/quarkus-app/quarkus-run.jar}) as a user runs it: {@code java -jar} on a data
 * directory and a port, for integration tests that start, crash and restart it. Its log goes to standard out with a
 * prefix and is kept ({@link #log()}); lines naming an unexpected server error are counted. Plain HTTP unless the
 * environment given sets {@code ODK_HTTPS_ENABLED=true}.
 */
public final class PackagedServer implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final Map<String, String> env;
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final List<String> log = new ArrayList<>();
    private Process process;

    public PackagedServer(Path dataDir, int port, Map<String, String> env) {
        this.dataDir = dataDir;
        this.port = port;
        this.env = env;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String base() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public String adminToken() throws IOException {
        return Files.readString(dataDir.resolve("admin-token")).strip();
    }

    /** Log lines of the ProblemMapper's "Unexpected error" (a 500) since the first start. */
    public int serverErrors() {
        return serverErrors.get();
    }

    /** The server's output lines since the first start. */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** The exit status of a server that stopped by itself (a start that was refused), waiting for it to end. */
    public int exitValue() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server is still running");
        }
        return process.exitValue();
    }

    /** Starts the jar and waits until it listens; fails if it exits first ({@link #log()} and {@link #exitValue()} say why). */
    public PackagedServer start() throws Exception {
        String jar = System.getProperty("odk.test.jar", "target/quarkus-app/quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar).redirectErrorStream(true);
        builder.environment().put("ODK_DATA_DIR", dataDir.toString());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().remove("ODK_ADMIN_TOKEN");
        builder.environment().remove("ODK_PUBLIC_BASE_URL");
        // Plain HTTP only unless a test asks for HTTPS: the HTTPS port is fixed (8443), and any other process holding it
        // (another build on the machine) would stop the start. HttpsIT covers HTTPS.
        builder.environment().put("ODK_HTTPS_ENABLED", "false");
        builder.environment().putAll(env);
        process = builder.start();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Process mine = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(mine.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    System.out.println("[server:" + port + "] " + line);
                    synchronized (log) {
                        log.add(line);
                    }
                    if (line.contains("Listening on")) {
                        listening.complete(null);
                    }
                    if (line.contains("Unexpected error")) {
                        serverErrors.incrementAndGet();
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
        return this;
    }

    /**
     * {@code kill -9}: the JVM gets no chance to flush or close anything. {@link Process#destroyForcibly()} is SIGKILL
     * on Linux; the exit status 137 (128 + 9) proves it.
     */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server survived SIGKILL");
        }
        return process.exitValue();
    }

    /** A clean stop (SIGTERM, then a wait): the server shuts down as on Ctrl+C. {@link #start()} runs it again. */
    public void stop() throws InterruptedException {
        close();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** A small blocking HTTP client for the tests: JSON in, status and body out. */
    public static final class Http {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        public record Answer(int status, String body, long millis) {
        }

        public Answer send(String method, String url, String bearer, String json) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json");
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            if (json != null) {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            long started = System.nanoTime();
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), (System.nanoTime() - started) / 1_000_000);
        }
    }
}
