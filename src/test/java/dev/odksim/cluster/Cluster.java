package dev.odksim.cluster;

import org.junit.jupiter.api.Assumptions;

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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test harness of the cluster ITs: a fresh PostgreSQL database, the packaged jar started twice on it, and HAProxy in
 * front of both with a configuration generated for free ports (the shape of deploy/haproxy.cfg). Without PostgreSQL
 * or HAProxy the ITs are skipped with a message, unless {@code ODK_REQUIRE_PG} is set (CI sets it): then they fail.
 */
final class Cluster implements AutoCloseable {

    static final String ADMIN_TOKEN = "cluster-it-admin-token";

    /** Connection to an existing database on the server, as a role that may create databases. */
    private static final String SERVER_URL = env("ODK_IT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("ODK_IT_PG_USER", "odk");
    private static final String PASSWORD = env("ODK_IT_PG_PASSWORD", "odk");

    final Map<String, Node> nodes = new LinkedHashMap<>();
    private final String database = "odk_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Path workDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process haproxy;
    int haproxyPort;

    /** One packaged instance. */
    static final class Node {
        final String name;
        final int port;
        Process process;

        Node(String name, int port) {
            this.name = name;
            this.port = port;
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    private Cluster(Path workDir) {
        this.workDir = workDir;
    }

    /** Skips (or, with ODK_REQUIRE_PG, fails) when PostgreSQL or HAProxy is missing; else starts everything. */
    static Cluster start(Path workDir, Map<String, String> extraEnv) throws Exception {
        String missing = missing();
        if (missing != null) {
            if (System.getenv("ODK_REQUIRE_PG") != null) {
                throw new AssertionError("ODK_REQUIRE_PG is set but " + missing);
            }
            Assumptions.abort("Cluster ITs skipped: " + missing + " (install postgresql-15 and haproxy, see docs/operations.md)");
        }
        Cluster cluster = new Cluster(workDir);
        try {
            cluster.createDatabase();
            cluster.nodes.put("a", new Node("a", freePort()));
            cluster.nodes.put("b", new Node("b", freePort()));
            cluster.haproxyPort = freePort();
            List<CompletableFuture<Void>> started = new ArrayList<>();
            for (Node node : cluster.nodes.values()) {
                started.add(cluster.launch(node, extraEnv));
            }
            for (CompletableFuture<Void> listening : started) {
                listening.get(240, TimeUnit.SECONDS);
            }
            cluster.startHaproxy();
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    private static String missing() {
        if (haproxyBinary() == null) {
            return "no haproxy binary (PATH, /usr/sbin/haproxy or ODK_HAPROXY)";
        }
        try (Connection ignored = DriverManager.getConnection(SERVER_URL, USER, PASSWORD)) {
            return null;
        } catch (SQLException e) {
            return "no PostgreSQL at " + SERVER_URL + " as " + USER + " (" + e.getMessage() + ")";
        }
    }

    private static String haproxyBinary() {
        List<String> candidates = new ArrayList<>();
        if (System.getenv("ODK_HAPROXY") != null) {
            candidates.add(System.getenv("ODK_HAPROXY"));
        }
        candidates.add("/usr/sbin/haproxy");
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            candidates.add(dir + "/haproxy");
        }
        return candidates.stream().filter(c -> Files.isExecutable(Path.of(c))).findFirst().orElse(null);
    }

    String jdbcUrl() {
        return SERVER_URL.substring(0, SERVER_URL.lastIndexOf('/') + 1) + database;
    }

    Connection sql() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    String lb() {
        return "http://127.0.0.1:" + haproxyPort;
    }

    private void createDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER_URL, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
        }
    }

    CompletableFuture<Void> launch(Node node, Map<String, String> extraEnv) throws IOException {
        String jar = System.getProperty("odk.test.jar", "target/quarkus-app/quarkus-run.jar");
        Path dataDir = Files.createDirectories(workDir.resolve(node.name));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("ODK_DATA_DIR", dataDir.toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(node.port));
        // Plain HTTP behind HAProxy; two instances on one machine would otherwise both want the HTTPS port 8443.
        env.put("ODK_HTTPS_ENABLED", "false");
        env.put("ODK_DB_URL", jdbcUrl());
        env.put("ODK_DB_USER", USER);
        env.put("ODK_DB_PASSWORD", PASSWORD);
        env.put("ODK_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("ODK_CLUSTER_INSTANCE_ID", node.name);
        env.put("ODK_PUBLIC_BASE_URL", "http://127.0.0.1:" + haproxyPort);
        env.putAll(extraEnv);
        node.process = builder.start();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    System.out.println("[" + node.name + "] " + line);
                    if (line.contains("Listening on")) {
                        listening.complete(null);
                    }
                }
                listening.completeExceptionally(new IllegalStateException("instance " + node.name + " exited before listening"));
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
        }, "instance-" + node.name);
        reader.setDaemon(true);
        reader.start();
        return listening;
    }

    private void startHaproxy() throws Exception {
        StringBuilder servers = new StringBuilder();
        for (Node node : nodes.values()) {
            servers.append(String.format(Locale.ROOT, "    server %s 127.0.0.1:%d check%n", node.name, node.port));
        }
        String config = Files.readString(Path.of("deploy/haproxy.cfg"))
                .replaceAll("(?m)^\\s*bind \\S+", "    bind 127.0.0.1:" + haproxyPort)
                .replaceAll("(?m)^\\s*server .*\\R", "")
                .replaceAll("(?m)^\\s*(log|stats socket|user|group|daemon|chroot|pidfile)\\b.*\\R", "")
                + servers;
        Path file = workDir.resolve("haproxy.cfg");
        Files.writeString(file, config);
        haproxy = new ProcessBuilder(haproxyBinary(), "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("haproxy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                if (get(lb() + "/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline || !haproxy.isAlive()) {
                throw new IllegalStateException("HAProxy did not come up: " + Files.readString(workDir.resolve("haproxy.log")));
            }
            Thread.sleep(100);
        }
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), null);
    }

    HttpResponse<String> send(HttpRequest.Builder request, String bearer) throws IOException, InterruptedException {
        request.timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Kills an instance hard (no shutdown hooks), as a crash or a pulled plug would. */
    void kill(String name) throws InterruptedException {
        Process process = nodes.get(name).process;
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (haproxy != null) {
            haproxy.destroy();
        }
        for (Node node : nodes.values()) {
            if (node.process != null && node.process.isAlive()) {
                node.process.destroy();
                try {
                    if (!node.process.waitFor(30, TimeUnit.SECONDS)) {
                        node.process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        try (Connection connection = DriverManager.getConnection(SERVER_URL, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database);
        } catch (SQLException e) {
            System.out.println("Could not drop " + database + ": " + e.getMessage());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
