package dev.odksim.project;

import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/security.md findings 1-3: an API header is checked when saved (RFC 9110 name and value, no reserved name), and a
 * stored secret never follows the decision URL or the token URL to another scheme, host or port. Every refusal is a
 * 400 naming the field, and the stored configuration is unchanged.
 */
@QuarkusTest
class OnDemandSecretRulesTest {

    private static final String URL = "http://localhost:1/check";

    private static Response put(String project, Map<String, Object> body) {
        return Api.admin().body(body).put("/api/admin/v1/projects/" + project + "/on-demand");
    }

    private static void assertRefused(String project, Map<String, Object> body, String... fields) {
        Response bad = Api.assertProblem(put(project, body), 400);
        assertThat(bad.<List<String>>path("invalidParams.name")).as(bad.asString()).containsExactlyInAnyOrder(fields);
        Response stored = Api.admin().get("/api/admin/v1/projects/" + project + "/on-demand");
        assertThat(stored.<String>path("url")).isEqualTo(URL);
        assertThat(stored.<String>path("auth.headerName")).isEqualTo("X-Api-Key");
        assertThat(stored.<String>path("auth.headerValue")).isEqualTo("****1234");
    }

    private static Map<String, Object> header(String name, String value) {
        return Map.of("auth", Map.of("type", "header", "headerName", name, "headerValue", value));
    }

    @Test
    void headerValuesHttpCannotCarryAsTypedAreRefused() {
        String project = Api.projectCalling(URL, Map.of());
        assertRefused(project, header("X-Api-Key", "secret\u2013pasted-from-a-document"), "auth.headerValue");
        assertRefused(project, header("X-Api-Key", "s\u00e9cret-with-latin1"), "auth.headerValue");
        assertRefused(project, header("X-Api-Key", " leading-space"), "auth.headerValue");
        assertRefused(project, header("X-Api-Key", "trailing-tab\t"), "auth.headerValue");
        assertRefused(project, header("X-Api-Key", "line\r\nX-Injected: 1"), "auth.headerValue");
        assertRefused(project, header("X-Api-Key", "nul\u0000"), "auth.headerValue");
        assertRefused(project, header("X Api Key", "fine-value-1234"), "auth.headerName");
        assertRefused(project, header("X-Api-K\u00e9y", "fine-value-1234"), "auth.headerName");
        assertThat(put(project, header("X-Api-Key", "Token abc\tdef=1234")).statusCode()).isEqualTo(200);
    }

    @Test
    void reservedHeaderNamesAreRefused() {
        String project = Api.projectCalling(URL, Map.of());
        for (String name : List.of("Host", "Content-Length", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade",
                "TE", "Trailer", "Proxy-Authorization", "Proxy-Connection", "Authorization", "x-request-id", "User-Agent",
                "Accept", "Expect", "Content-Type", "webhook-signature")) {
            Response bad = Api.assertProblem(put(project, header(name, "value-0000-1234")), 400);
            assertThat(bad.<List<String>>path("invalidParams.name")).as(name).containsExactly("auth.headerName");
        }
        assertThat(Api.admin().get("/api/admin/v1/projects/" + project + "/on-demand").<String>path("auth.headerName"))
                .isEqualTo("X-Api-Key");
    }

    @Test
    void theHeaderSecretDoesNotFollowTheUrlToAnotherOrigin() {
        String project = Api.projectCalling(URL, Map.of());
        assertRefused(project, Map.of("url", "http://attacker.example:1/check"), "auth.headerValue");
        assertRefused(project, Map.of("url", "https://localhost:1/check"), "auth.headerValue");
        assertRefused(project, Map.of("url", "http://localhost:2/check"), "auth.headerValue");
        assertRefused(project, Map.of("url", "http://attacker.example/check", "auth", Map.of("type", "header",
                "headerName", "X-Api-Key", "headerValue", "****1234")), "auth.headerValue");
        // Same origin, other path: the secret stays.
        assertThat(put(project, Map.of("url", "http://LOCALHOST:1/other")).statusCode()).isEqualTo(200);
        // Another origin with the secret sent again.
        Response moved = put(project, Map.of("url", "http://other.example/check", "auth", Map.of("type", "header",
                "headerName", "X-Api-Key", "headerValue", "new-secret-5678")));
        assertThat(moved.statusCode()).as(moved.asString()).isEqualTo(200);
        assertThat(moved.<String>path("auth.headerValue")).isEqualTo("****5678");
    }

    @Test
    void theClientSecretAndSigningSecretDoNotFollowTheirUrls() {
        String project = Api.projectCalling(URL, Map.of("auth", Map.of("type", "oauth2", "tokenUrl", "http://localhost:1/token",
                "clientId", "odk", "clientSecret", "client-secret-1234"), "signing", Map.of("enabled", true, "secret", "signing-secret-123456")));
        Response tokenMoved = Api.assertProblem(put(project, Map.of("auth", Map.of("type", "oauth2",
                "tokenUrl", "http://attacker.example/token", "clientId", "odk", "clientSecret", "****1234"))), 400);
        assertThat(tokenMoved.<List<String>>path("invalidParams.name")).containsExactly("auth.clientSecret");
        Response urlMoved = Api.assertProblem(put(project, Map.of("url", "http://attacker.example/check")), 400);
        assertThat(urlMoved.<List<String>>path("invalidParams.name")).containsExactlyInAnyOrder("auth.clientSecret", "signing.secret");
        Response stored = Api.admin().get("/api/admin/v1/projects/" + project + "/on-demand");
        assertThat(stored.<String>path("auth.tokenUrl")).isEqualTo("http://localhost:1/token");
        assertThat(stored.<String>path("url")).isEqualTo(URL);
        Response resent = put(project, Map.of("url", "http://other.example/check", "auth", Map.of("type", "oauth2",
                "tokenUrl", "http://other.example/token", "clientId", "odk", "clientSecret", "client-secret-9999"),
                "signing", Map.of("enabled", true, "secret", "signing-secret-999999")));
        assertThat(resent.statusCode()).as(resent.asString()).isEqualTo(200);
    }
}
