package dev.odksim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document at /q/openapi is what app developers generate clients from: every operation has an operationId,
 * a tag, a typed 2xx body and declared security (public endpoints only on the allow-list below), and the flow's
 * answers mark their fields required. Adding an endpoint without these fails here.
 */
@QuarkusTest
class OpenApiContractTest {

    /** Operations deliberately without security: a sticker scan, public key material, app-link files, a lock's own API, pages. */
    static final Set<String> PUBLIC = Set.of(
            "GET /t/{tagId}",
            "POST /api/app/v1/auth/otp", "POST /api/app/v1/auth/token", "POST /api/app/v1/auth/token-exchange",
            "GET /.well-known/jwks.json", "GET /.well-known/assetlinks.json", "GET /.well-known/apple-app-site-association",
            "GET /api/lock/v1/locks/{lockId}/revocations",
            "POST /api/sim/v1/locks/{lockId}/unlock", "POST /api/sim/v1/locks/{lockId}/challenge", "POST /api/sim/v1/locks/{lockId}/sync",
            "GET /app/clock",
            // the installable phone app and the CA for phones (docs/phones.md); the app-switch pages (log in on the page)
            "GET /app/manifest.webmanifest", "GET /app/{file}", "GET /trust", "GET /trust/odk-sim-ca.crt",
            "GET /trust/odk-sim-ca.mobileconfig", "GET /trust/odk-sim-ca.pem", "GET /trust/qr.svg",
            "GET /use-key", "GET /prefetch-keys",
            // the /v2 token endpoint: client credentials in the body
            "POST /v2/auth/token");

    /** The security schemes operations may name (brief: exactly these). */
    static final Set<String> SCHEMES = Set.of("adminBearer", "appBearer", "unlocBearer", "integratorApiKey");

    private static JsonNode doc;

    static synchronized JsonNode doc() throws Exception {
        if (doc != null) return doc;
        String json = RestAssured.given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        Files.writeString(Path.of("target/openapi.json"), json);
        doc = new ObjectMapper().readTree(json);
        return doc;
    }

    @Test
    void everyOperationHasIdTagSecurityAndTypedBody() throws Exception {
        List<String> problems = new ArrayList<>();
        forEachOperation((key, op) -> {
            if (!op.hasNonNull("operationId")) problems.add(key + ": no operationId");
            if (!op.has("tags") || op.get("tags").isEmpty()) problems.add(key + ": no tag");
            boolean secured = false;
            boolean explicitlyPublic = false;
            for (JsonNode requirement : op.path("security")) {
                if (requirement.isEmpty()) explicitlyPublic = true; else secured = true;
            }
            if (!secured && !explicitlyPublic) problems.add(key + ": declares no security at all (public ones carry an empty requirement)");
            if (!secured && !PUBLIC.contains(key)) problems.add(key + ": no security declared and not on the public list");
            if (secured && PUBLIC.contains(key)) problems.add(key + ": on the public list but declares security");
            op.path("security").forEach(req -> req.fieldNames().forEachRemaining(name -> {
                if (!SCHEMES.contains(name)) problems.add(key + ": unknown security scheme " + name);
            }));
            op.path("responses").fields().forEachRemaining(r -> {
                JsonNode problem = r.getValue().path("content").path("application/problem+json");
                if (!problem.isMissingNode() && !problem.path("schema").path("$ref").asText().endsWith("/Problem")) {
                    problems.add(key + " " + r.getKey() + ": problem+json without the Problem schema");
                }
            });
            boolean answers = false;
            for (Iterator<String> codes = op.path("responses").fieldNames(); codes.hasNext(); ) {
                String code = codes.next();
                if (code.startsWith("2") || code.startsWith("3")) answers = true;
                if (!op.path("responses").path(code).hasNonNull("description")) problems.add(key + " " + code + ": no description");
            }
            // a class-level problem @APIResponse suppresses the generated 2xx: each such operation must declare its own
            if (!answers) problems.add(key + ": no 2xx (or 3xx) answer declared");
            op.path("responses").fields().forEachRemaining(r -> {
                if (!r.getKey().startsWith("2") || r.getKey().equals("204")) return;
                JsonNode content = r.getValue().path("content");
                if (content.isEmpty()) problems.add(key + " " + r.getKey() + ": an answer without a declared body (204 if it has none)");
                content.fields().forEachRemaining(c -> {
                    if (!c.getKey().contains("json")) return;
                    if (!typed(c.getValue().path("schema"))) problems.add(key + " " + r.getKey() + ": untyped " + c.getKey() + " body");
                });
            });
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void securitySchemesInfoAndServersAreDeclared() throws Exception {
        JsonNode schemes = doc().path("components").path("securitySchemes");
        assertThat(iterable(schemes.fieldNames())).containsExactlyInAnyOrderElementsOf(SCHEMES);
        assertThat(schemes.path("integratorApiKey").path("name").asText()).isEqualTo("X-Api-Key");
        assertThat(schemes.path("adminBearer").path("scheme").asText()).isEqualTo("bearer");
        assertThat(doc().path("info").path("license").path("name").asText()).isNotBlank();
        assertThat(doc().path("info").path("contact").isObject()).isTrue();
        assertThat(doc().path("servers")).isNotEmpty();
    }

    @Test
    void problemReasonIsTheCatalogue() throws Exception {
        JsonNode reason = doc().path("components").path("schemas").path("Problem").path("properties").path("reason");
        List<String> listed = new ArrayList<>();
        reason.path("enum").forEach(n -> listed.add(n.asText()));
        assertThat(listed).contains("DENIED", "TIMEOUT", "SCAN_REPLAY", "ON_DEMAND_DISABLED", "IDP_TOKEN_EXPIRED", "KEY_ERROR");
        assertThat(listed).containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(dev.odksim.common.Reason.values())
                .filter(r -> r.status() != 0).map(Enum::name).toList());
    }

    /** What a generated client needs to type the flow: the access answers, the session token and the key mark their fields required. */
    @Test
    void theFlowsAnswersHaveRequiredFields() throws Exception {
        JsonNode access = doc().path("paths").path("/api/app/v1/locks/{lockId}/access").path("post").path("responses");
        assertThat(required(schemaOf(access.path("201")))).contains("source", "key");
        assertThat(required(schemaOf(access.path("200")))).contains("source", "key");
        JsonNode token = doc().path("paths").path("/api/app/v1/auth/token").path("post").path("responses").path("200");
        assertThat(required(schemaOf(token))).contains("accessToken", "tokenType", "expiresIn");
        JsonNode key = resolve(schemaOf(access.path("201")).path("properties").path("key"));
        assertThat(required(key)).contains("id", "lockId", "appUserId", "start", "end", "state", "token");
        List<String> states = new ArrayList<>();
        resolve(key.path("properties").path("state")).path("enum").forEach(n -> states.add(n.asText()));
        assertThat(states).containsExactlyInAnyOrder("creating", "scheduled", "active", "expired", "revoked", "error");
        JsonNode scan = doc().path("paths").path("/t/{tagId}").path("get").path("responses").path("200");
        assertThat(required(schemaOf(scan))).contains("tagId", "lockId", "lockName", "projectId", "accessUrl");
    }

    /** Closed sets are enums with their wire names (issue 15); JWK inputs are typed records, not free-form objects. */
    @Test
    void closedSetsAreEnumsWithTheirWireNames() throws Exception {
        assertThat(enumOf("ScanView", "outcome"))
                .containsExactlyInAnyOrder("ok", "unknown", "retired", "malformed", "clone", "replay", "bad_mac");
        assertThat(enumOf("ScanView", "mode")).containsExactlyInAnyOrder("none", "ntag-mirror", "ntag424-sun");
        assertThat(enumOf("StickerScan", "mode")).containsExactlyInAnyOrder("none", "ntag-mirror", "ntag424-sun");
        assertThat(enumOf("TagView", "mode")).containsExactlyInAnyOrder("none", "ntag-mirror", "ntag424-sun");
        assertThat(enumOf("TagView", "state")).containsExactlyInAnyOrder("active", "retired");
        assertThat(enumOf("KeyView", "source")).containsExactlyInAnyOrder("on-demand", "assigned", "unloc-v2");
        assertThat(enumOf("AccessEventView", "result")).containsExactlyInAnyOrder("unlocked", "refused");
        assertThat(enumOf("ValidationRunView", "verdict")).containsExactlyInAnyOrder("CONFORMANT", "NON_CONFORMANT", "UNREACHABLE");
        JsonNode jwk = resolve(schema("TokenRequest").path("properties").path("devicePublicKey"));
        assertThat(required(jwk)).contains("kty");
        assertThat(iterable(jwk.path("properties").fieldNames())).contains("kty", "crv", "x", "y", "n", "e", "key_ops");
        JsonNode set = resolve(schema("IdentityProviderSettings").path("properties").path("jwks"));
        assertThat(required(set)).containsExactly("keys");
    }

    /** No request or answer body has a free-form object where a record belongs; the few that stay are listed here. */
    @Test
    void noFreeFormObjectsAtTheEdge() throws Exception {
        Set<String> allowed = Set.of(
                // the stored report.json of a validation run, shown as written (docs/validator.md)
                "ValidationRunView.report", "RunView.report");
        List<String> untyped = new ArrayList<>();
        doc().path("components").path("schemas").fields().forEachRemaining(s -> s.getValue().path("properties").fields()
                .forEachRemaining(p -> {
                    JsonNode schema = p.getValue();
                    if ("array".equals(schema.path("type").asText())) schema = schema.path("items");
                    boolean freeForm = "object".equals(schema.path("type").asText()) && !schema.has("$ref")
                            && !schema.has("properties") && !schema.path("additionalProperties").isObject();
                    boolean anything = schema.isEmpty() || (schema.size() == 1 && schema.has("description"));
                    String name = s.getKey() + "." + p.getKey();
                    if ((freeForm || anything) && !allowed.contains(name)) untyped.add(name);
                }));
        assertThat(untyped).isEmpty();
        List<String> repeated = new ArrayList<>();
        doc().path("components").path("schemas").fields().forEachRemaining(s -> {
            List<String> names = required(s.getValue());
            if (names.size() != Set.copyOf(names).size()) repeated.add(s.getKey() + " " + names);
        });
        assertThat(repeated).as("required names listed twice").isEmpty();
    }

    private static JsonNode schema(String name) throws Exception {
        JsonNode schema = doc().path("components").path("schemas").path(name);
        assertThat(schema.isMissingNode()).as("schema " + name).isFalse();
        return schema;
    }

    private static List<String> enumOf(String schemaName, String property) throws Exception {
        JsonNode schema = resolve(schema(schemaName).path("properties").path(property));
        List<String> values = new ArrayList<>();
        schema.path("enum").forEach(n -> values.add(n.asText()));
        return values;
    }

    private static JsonNode schemaOf(JsonNode response) throws Exception {
        return resolve(response.path("content").path("application/json").path("schema"));
    }

    private static JsonNode resolve(JsonNode schema) throws Exception {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().substring("#/components/schemas/".length());
            return doc().path("components").path("schemas").path(name);
        }
        if (schema.has("allOf")) {
            for (JsonNode part : schema.get("allOf")) {
                if (part.has("$ref")) return resolve(part);
            }
        }
        return schema;
    }

    private static List<String> required(JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.path("required").forEach(n -> names.add(n.asText()));
        return names;
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> all = new ArrayList<>();
        it.forEachRemaining(all::add);
        return all;
    }

    private static boolean typed(JsonNode schema) {
        if (schema.has("$ref")) return true;
        if (schema.has("properties") && !schema.get("properties").isEmpty()) return true;
        if ("array".equals(schema.path("type").asText())) return typed(schema.path("items"));
        if (schema.has("allOf") || schema.has("oneOf")) return true;
        return false;
    }

    interface OperationVisitor {
        void visit(String key, JsonNode operation);
    }

    static void forEachOperation(OperationVisitor visitor) throws Exception {
        Iterator<Map.Entry<String, JsonNode>> paths = doc().path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(m -> {
                if (Set.of("get", "post", "put", "delete", "patch").contains(m.getKey())) {
                    visitor.visit(m.getKey().toUpperCase() + " " + path.getKey(), m.getValue());
                }
            });
        }
    }
}
