package dev.odksim.unloc;

import dev.odksim.testing.PackagedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged server is killed ({@code kill -9}) while a /v2 batch is still provisioning (its keys creating) and started again on the
 * same data directory: no key is left creating, each ends active as it would have without the restart.
 */
class UnlocRestartIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private PackagedServer server;

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void restartDuringProvisioningLeavesNoKeyCreating() throws Exception {
        int port = PackagedServer.freePort();
        start(port);
        String base = "http://localhost:" + port;
        String admin = Files.readString(dataDir.resolve("admin-token")).strip();
        send("PUT", base + "/api/admin/v1/projects/demo/unloc-settings", admin, "{\"provisioningDelayMs\":5000}", 200);
        String client = send("POST", base + "/api/admin/v1/projects/demo/api-clients", admin, "{\"name\":\"restart\"}", 201);
        String tokenRequest = "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + field(client, "clientId")
                + "\",\"client_secret\":\"" + field(client, "clientSecret") + "\",\"scope\":\"project.admin\",\"project_id\":\"demo\"}";
        String token = field(send("POST", base + "/v2/auth/token/", null, tokenRequest, 200), "access_token");
        StringBuilder keys = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < 20; i++) {
            keys.append(i == 0 ? "" : ",").append("{\"lockId\":\"demo-front-door\",\"appUserId\":\"+474400").append(String.format("%04d", i)).append("\"}");
        }
        String jobRef = field(send("POST", base + "/v2/projects/demo/keys", token, keys + "]}", 202), "jobRef");
        String job = send("GET", base + "/v2/projects/demo/jobs/" + jobRef, token, null, 200);
        assertThat(job).contains("\"state\":\"running\"").contains("\"creating\"");

        assertThat(server.kill()).as("exit status of kill -9").isEqualTo(137);   // no shutdown hook gets to finish (or forget) the provisioning
        start(port);

        String token2 = field(send("POST", base + "/v2/auth/token/", null, tokenRequest, 200), "access_token");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String after = send("GET", base + "/v2/projects/demo/jobs/" + jobRef, token2, null, 200);
        while (after.contains("\"running\"") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            after = send("GET", base + "/v2/projects/demo/jobs/" + jobRef, token2, null, 200);
        }
        assertThat(after).contains("\"state\":\"completed\"").doesNotContain("\"creating\"").doesNotContain("\"error\"");
        assertThat(after.split("\"active\"", -1)).hasSize(21);
    }

    private void start(int port) throws Exception {
        if (server == null) {
            server = new PackagedServer(dataDir, port, Map.of());
        }
        server.start();
    }

    private String send(String method, String url, String bearer, String json, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + url + " " + response.body()).isEqualTo(expected);
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }
}
