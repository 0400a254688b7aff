package dev.odksim.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.testing.PackagedServer;
import dev.odksim.testing.PackagedServer.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An answered 2xx is on disk: the packaged server on the embedded H2 default takes keys, sticker scans (tap counters),
 * logins, a revocation and a signing-key rotation, each acknowledged, is killed with SIGKILL right after the last
 * one, and restarted on the same data directory: every one of them is still there.
 */
class CrashDurabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHIP = "04C0FFEE112233";
    private final Http http = new Http();

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedWriteSurvivesKillDashNine() throws Exception {
        try (PackagedServer server = new PackagedServer(dataDir, PackagedServer.freePort(), Map.of())) {
            server.start();
            String base = server.base();
            String admin = server.adminToken();
            expect(http.send("POST", base + "/api/admin/v1/projects/demo/tags", admin,
                    "{\"lockId\":\"demo-storage\",\"tagId\":\"crash-sticker\",\"chipUid\":\"" + CHIP + "\",\"mode\":\"ntag-mirror\"}"), 201);

            List<String> keyIds = new ArrayList<>();
            Map<String, String> sessions = new LinkedHashMap<>();
            int lastCounter = 0;
            String revoked = null;
            // Interleaved so that every kind of write is among the last ones acknowledged before the kill.
            for (int i = 1; i <= 40; i++) {
                JsonNode created = expect(http.send("POST", base + "/api/admin/v1/projects/demo/keys", admin,
                        "{\"keys\":[{\"lockId\":\"demo-front-door\",\"appUserId\":\"+4712345678\"}]}"), 201);
                keyIds.add(created.path("keys").get(0).path("id").asText());
                lastCounter = i;
                expect(http.send("GET", base + "/t/crash-sticker?m=" + CHIP + "x" + String.format("%06X", i), null, null), 200);
                if (i % 8 == 0) {
                    String user = "+47400012" + String.format("%02d", i);
                    sessions.put(user, login(base, admin, user));
                }
                if (i == 39) {
                    revoked = keyIds.get(0);
                    expect(http.send("POST", base + "/api/admin/v1/projects/demo/keys/" + revoked + "/revoke", admin,
                            "{\"reason\":\"crash test\"}"), 200);
                }
            }
            String newKid = expect(http.send("POST", base + "/api/admin/v1/signing-keys/rotate", admin, "{}"), 201).path("kid").asText();
            JsonNode lastKey = expect(http.send("POST", base + "/api/admin/v1/projects/demo/keys", admin,
                    "{\"keys\":[{\"lockId\":\"demo-front-door\",\"appUserId\":\"+4712345678\"}]}"), 201);
            keyIds.add(lastKey.path("keys").get(0).path("id").asText());

            assertThat(server.kill()).as("exit status of a SIGKILLed JVM").isEqualTo(137);
            server.start();

            for (String id : keyIds) {
                JsonNode key = expect(http.send("GET", base + "/api/admin/v1/projects/demo/keys/" + id, admin, null), 200);
                assertThat(key.path("state").asText()).as("key %s", id).isEqualTo(id.equals(revoked) ? "revoked" : "active");
                assertThat(key.path("token").asText()).as("key %s", id).isNotBlank();
            }
            JsonNode tag = expect(http.send("GET", base + "/api/admin/v1/projects/demo/tags/crash-sticker", admin, null), 200);
            assertThat(tag.path("lastCounter").asInt()).isEqualTo(lastCounter);
            JsonNode replay = expect(http.send("GET", base + "/t/crash-sticker?m=" + CHIP + "x" + String.format("%06X", lastCounter),
                    null, null), 403);
            assertThat(replay.path("reason").asText()).isEqualTo("SCAN_REPLAY");
            for (Map.Entry<String, String> session : sessions.entrySet()) {
                expect(http.send("GET", base + "/api/app/v1/keys", session.getValue(), null), 200);
            }
            assertThat(expect(http.send("GET", base + "/.well-known/jwks.json", null, null), 200).toString()).contains(newKid);
            assertThat(server.serverErrors()).isZero();
        }
    }

    private String login(String base, String admin, String user) throws Exception {
        expect(http.send("POST", base + "/api/app/v1/auth/otp", null, "{\"appUserId\":\"" + user + "\"}"), 202);
        String code = expect(http.send("GET", base + "/api/sim/v1/sms?to=" + user.replace("+", "%2B"), admin, null), 200)
                .path("messages").get(0).path("code").asText();
        return expect(http.send("POST", base + "/api/app/v1/auth/token", null,
                "{\"appUserId\":\"" + user + "\",\"code\":\"" + code + "\"}"), 200).path("accessToken").asText();
    }

    private static JsonNode expect(Http.Answer answer, int status) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        return answer.body().isEmpty() ? JSON.nullNode() : JSON.readTree(answer.body());
    }
}
