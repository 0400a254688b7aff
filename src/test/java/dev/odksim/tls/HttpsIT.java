package dev.odksim.tls;

import dev.odksim.testing.PackagedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * HTTPS on the packaged server, as a user runs it: curl trusts it through the CA from /trust alone; a restart keeps the
 * CA (phones trusted it once) and the certificate; a user-supplied PEM pair is served instead, with no local CA; a key
 * that is not the certificate's stops the start with one clear line.
 */
class HttpsIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private PackagedServer server;

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void curlTrustsTheGeneratedCaAndARestartKeepsIt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        int port = PackagedServer.freePort();
        int httpsPort = PackagedServer.freePort();
        start(port, httpsPort, Map.of());
        String lan = HttpsServedTest.lanAddress();
        String caPem = get("http://localhost:" + port + "/trust/odk-sim-ca.pem");
        Path caFile = Files.writeString(dataDir.resolve("downloaded-ca.pem"), caPem);
        String url = "https://" + lan + ":" + httpsPort + "/app";
        assertThat(curl("--cacert", caFile.toString(), url)).isEqualTo("200");
        assertThat(curl(url)).as("without the CA").isEqualTo("000");
        X509Certificate servedBefore = served(httpsPort);
        assertThat(server.log()).anyMatch(line -> line.contains("Trust (phones) http://"));
        assertThat(server.log()).anyMatch(line -> line.contains("Phone app      https://"));

        server.stop();
        server.start();
        assertThat(get("http://localhost:" + port + "/trust/odk-sim-ca.pem")).isEqualTo(caPem);
        assertThat(curl("--cacert", caFile.toString(), url)).as("the CA trusted before the restart").isEqualTo("200");
        assertThat(served(httpsPort)).as("the same names: the same certificate").isEqualTo(servedBefore);
    }

    @Test
    void aSuppliedPemPairIsServedInsteadAndAWrongKeyStopsTheStart() throws Exception {
        Path mkcert = Files.createDirectory(dataDir.resolve("mkcert"));
        LocalCa theirCa = LocalCa.loadOrCreate(mkcert, "their-ca", Instant.now());
        ServerCertificate theirs = ServerCertificate.issued(theirCa, mkcert, List.of("localhost", "sim.example.test"), Instant.now());
        int port = PackagedServer.freePort();
        int httpsPort = PackagedServer.freePort();
        start(port, httpsPort, Map.of("ODK_HTTPS_CERTIFICATE_FILE", mkcert.resolve("server.crt").toString(),
                "ODK_HTTPS_KEY_FILE", mkcert.resolve("server.key").toString()));

        assertThat(served(httpsPort)).isEqualTo(theirs.leaf());
        HttpResponse<String> crt = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/trust/odk-sim-ca.crt")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(crt.statusCode()).isEqualTo(404);
        assertThat(crt.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(get("http://localhost:" + port + "/trust")).contains("the certificate you supplied");
        assertThat(Files.exists(dataDir.resolve("tls/ca.key"))).as("no local CA is made").isFalse();
        server.stop();

        Path otherKey = Files.writeString(dataDir.resolve("other.key"),
                ServerCertificate.issued(theirCa, Files.createDirectory(dataDir.resolve("x")), List.of("x"), Instant.now()).keyPem());
        server = new PackagedServer(dataDir, port, https(httpsPort, Map.of(
                "ODK_HTTPS_CERTIFICATE_FILE", mkcert.resolve("server.crt").toString(), "ODK_HTTPS_KEY_FILE", otherKey.toString())));
        assertThatThrownBy(server::start).isInstanceOf(ExecutionException.class).hasMessageContaining("exited before listening");
        assertThat(server.exitValue()).isNotZero();
        assertThat(server.log()).anyMatch(line -> line.contains("is not the private key of the certificate in"));
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

    /** The environment of a server with HTTPS on {@code httpsPort}, plus {@code env}. */
    private static Map<String, String> https(int httpsPort, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("ODK_HTTPS_ENABLED", "true");
        all.put("ODK_HTTPS_PORT", Integer.toString(httpsPort));
        return all;
    }

    private void start(int port, int httpsPort, Map<String, String> env) throws Exception {
        server = new PackagedServer(dataDir, port, https(httpsPort, env)).start();
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
}
