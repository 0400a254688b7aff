package dev.odksim.tls;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
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
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * HTTPS on the packaged server, as a user runs it: curl trusts it through the CA from /trust alone; a restart keeps the
 * CA (phones trusted it once) and the certificate; a user-supplied PEM pair is served instead, with no local CA; a key
 * that is not the certificate's stops the start with one clear line.
 */
class HttpsIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private Process server;
    private final List<String> output = new ArrayList<>();

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void curlTrustsTheGeneratedCaAndARestartKeepsIt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        int port = freePort();
        int httpsPort = freePort();
        start(port, httpsPort, Map.of());
        String lan = HttpsServedTest.lanAddress();
        String caPem = get("http://localhost:" + port + "/trust/odk-sim-ca.pem");
        Path caFile = Files.writeString(dataDir.resolve("downloaded-ca.pem"), caPem);
        String url = "https://" + lan + ":" + httpsPort + "/app";
        assertThat(curl("--cacert", caFile.toString(), url)).isEqualTo("200");
        assertThat(curl(url)).as("without the CA").isEqualTo("000");
        X509Certificate servedBefore = served(httpsPort);
        assertThat(output).anyMatch(line -> line.contains("Trust (phones) http://"));
        assertThat(output).anyMatch(line -> line.contains("Phone app      https://"));

        stop();
        start(port, httpsPort, Map.of());
        assertThat(get("http://localhost:" + port + "/trust/odk-sim-ca.pem")).isEqualTo(caPem);
        assertThat(curl("--cacert", caFile.toString(), url)).as("the CA trusted before the restart").isEqualTo("200");
        assertThat(served(httpsPort)).as("the same names: the same certificate").isEqualTo(servedBefore);
    }

    @Test
    void aSuppliedPemPairIsServedInsteadAndAWrongKeyStopsTheStart() throws Exception {
        Path mkcert = Files.createDirectory(dataDir.resolve("mkcert"));
        LocalCa theirCa = LocalCa.loadOrCreate(mkcert, "their-ca", Instant.now());
        ServerCertificate theirs = ServerCertificate.issued(theirCa, mkcert, List.of("localhost", "sim.example.test"), Instant.now());
        int port = freePort();
        int httpsPort = freePort();
        start(port, httpsPort, Map.of("ODK_HTTPS_CERTIFICATE_FILE", mkcert.resolve("server.crt").toString(),
                "ODK_HTTPS_KEY_FILE", mkcert.resolve("server.key").toString()));

        assertThat(served(httpsPort)).isEqualTo(theirs.leaf());
        HttpResponse<String> crt = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/trust/odk-sim-ca.crt")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(crt.statusCode()).isEqualTo(404);
        assertThat(crt.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(get("http://localhost:" + port + "/trust")).contains("the certificate you supplied");
        assertThat(Files.exists(dataDir.resolve("tls/ca.key"))).as("no local CA is made").isFalse();
        stop();

        Path otherKey = Files.writeString(dataDir.resolve("other.key"),
                ServerCertificate.issued(theirCa, Files.createDirectory(dataDir.resolve("x")), List.of("x"), Instant.now()).keyPem());
        output.clear();
        ProcessBuilder failing = builder(port, httpsPort, Map.of("ODK_HTTPS_CERTIFICATE_FILE", mkcert.resolve("server.crt").toString(),
                "ODK_HTTPS_KEY_FILE", otherKey.toString()));
        Process refused = failing.start();
        String log = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(refused.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isNotZero();
        assertThat(log).contains("is not the private key of the certificate in");
    }

    private X509Certificate served(int httpsPort) throws Exception {
        javax.net.ssl.SSLContext trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
        trustAll.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String type) { }
            public void checkServerTrusted(X509Certificate[] chain, String type) { } // only to read what is served
            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        try (SSLSocket socket = (SSLSocket) trustAll.getSocketFactory().createSocket("localhost", httpsPort)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private ProcessBuilder builder(int port, int httpsPort, Map<String, String> env) {
        String jar = System.getProperty("odk.test.jar", "target/quarkus-app/quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar)
                .redirectErrorStream(true);
        builder.environment().put("ODK_DATA_DIR", dataDir.toString());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("ODK_HTTPS_PORT", Integer.toString(httpsPort));
        builder.environment().remove("ODK_ADMIN_TOKEN");
        builder.environment().remove("ODK_PUBLIC_BASE_URL");
        builder.environment().putAll(env);
        return builder;
    }

    private void start(int port, int httpsPort, Map<String, String> env) throws Exception {
        server = builder(port, httpsPort, env).start();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    System.out.println("[server] " + line);
                    synchronized (output) {
                        output.add(line);
                    }
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
        listening.get(120, TimeUnit.SECONDS);
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "20"));
        command.addAll(List.of(args));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
