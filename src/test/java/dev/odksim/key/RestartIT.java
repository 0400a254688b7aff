package dev.odksim.key;

import com.nimbusds.jose.jwk.JWKSet;
import dev.odksim.testing.PackagedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged server twice on one data directory, as a user would: the demo data, the signing key, the minted
 * key and the app session all survive the restart, and the old key still opens the door.
 */
class RestartIT {

    private static final Pattern FIELD = Pattern.compile("\"%s\"\\s*:\\s*\"([^\"]*)\"");
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
    void keysAndTheSigningKeySurviveARestart() throws Exception {
        int port = PackagedServer.freePort();
        start(port);
        String base = "http://localhost:" + port;
        String admin = Files.readString(dataDir.resolve("admin-token")).strip();

        post(base + "/api/app/v1/auth/otp", null, "{\"appUserId\":\"+4712345678\"}", 202);
        String code = field(get(base + "/api/sim/v1/sms?to=%2B4712345678", admin), "code");
        String session = field(post(base + "/api/app/v1/auth/token", null,
                "{\"appUserId\":\"+4712345678\",\"code\":\"" + code + "\"}", 200), "accessToken");
        String granted = post(base + "/api/app/v1/locks/demo-front-door/access", session, "{}", 201);
        String keyId = field(granted.substring(granted.indexOf("\"key\"")), "id");
        String token = field(granted, "token");
        String jwksBefore = get(base + "/.well-known/jwks.json", null);

        stop();
        start(port);

        assertThat(JWKSet.parse(get(base + "/.well-known/jwks.json", null)).getKeys())
                .isEqualTo(JWKSet.parse(jwksBefore).getKeys());
        assertThat(field(get(base + "/api/app/v1/keys/" + keyId, session), "token")).isEqualTo(token);
        String again = post(base + "/api/app/v1/locks/demo-front-door/access", session, "{}", 200);
        assertThat(again).contains("\"source\":\"existing\"").contains(keyId);
        assertThat(post(base + "/api/sim/v1/locks/demo-front-door/unlock", null, "{\"key\":\"" + token + "\"}", 200))
                .contains("unlocked");
        assertThat(Files.readString(dataDir.resolve("admin-token")).strip()).isEqualTo(admin);
        // docs/security.md finding 7: the directory holding the signing keys and secrets is owner-only, and so are its files.
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                .isEqualTo("rwx------");
        for (String file : java.util.List.of("odk.mv.db", "admin-token")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
    }

    private void start(int port) throws Exception {
        if (server == null) {
            server = new PackagedServer(dataDir, port, Map.of());
        }
        server.start();
    }

    private String get(String url, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(200);
        return response.body();
    }

    private String post(String url, String bearer, String json, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(expected);
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile(String.format(FIELD.pattern(), name)).matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }
}
