package dev.odksim.integrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.common.JsonTime;
import dev.odksim.demo.DemoData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The integrator's contract is served as its own OpenAPI document, and the bundled reference integrator's answers
 * (a grant and a denial from the demo data) satisfy its Decision schema. The schema check is written here against the
 * JSON Schema keywords the document uses (type, required, properties, $ref, format date-time, minimum, pattern, not).
 */
@QuarkusTest
class IntegratorContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode contract() throws Exception {
        String body = RestAssured.get("/integrator-contract/openapi.json").then().statusCode(200).extract().asString();
        return JSON.readTree(body);
    }

    private static JsonNode decisionSchema(JsonNode doc) {
        return doc.path("components").path("schemas").path("Decision");
    }

    @Test
    void referenceIntegratorAnswersMatchTheContract() throws Exception {
        JsonNode doc = contract();
        List<String> required = new ArrayList<>();
        decisionSchema(doc).path("required").forEach(n -> required.add(n.asText()));
        assertThat(required).containsExactlyInAnyOrder("lockId", "appUserId", "hasAccess");

        List<Boolean> decisions = new ArrayList<>();
        for (String phone : List.of("+4712345678", "+4798765432")) {
            String answer = RestAssured.given().header("X-Api-Key", "demo-integrator-key")
                    .queryParam("lockId", DemoData.FRONT_DOOR).queryParam("appUserId", phone)
                    .get("/integrator/check-access").then().statusCode(200).extract().asString();
            List<String> errors = new ArrayList<>();
            validate(doc, decisionSchema(doc), JSON.readTree(answer), "$", errors);
            assertThat(errors).as(answer).isEmpty();
            decisions.add(JSON.readTree(answer).path("hasAccess").asBoolean());
        }
        assertThat(decisions).as("Kari is granted, Ola denied (demo data)").containsExactly(true, false);
    }

    /** The checker bites: answers that break the contract's expressible rules are reported. */
    @Test
    void theCheckRejectsAnswersThatBreakTheContract() throws Exception {
        JsonNode doc = contract();
        for (String bad : List.of("{\"lockId\":\"l\",\"appUserId\":\"+4712345678\"}",
                "{\"lockId\":\"l\",\"appUserId\":\"+4712345678\",\"hasAccess\":\"true\"}",
                "{\"lockId\":\"l\",\"appUserId\":\"+4712345678\",\"hasAccess\":true,\"keyData\":{\"duration\":60,\"end\":\"2030-01-01T00:00:00Z\"}}",
                "{\"lockId\":\"l\",\"appUserId\":\"+4712345678\",\"hasAccess\":true,\"keyData\":{\"duration\":0}}",
                "{\"lockId\":\"l\",\"appUserId\":\"+4712345678\",\"hasAccess\":true,\"keyData\":{\"end\":\"tomorrow\"}}",
                "[]")) {
            List<String> errors = new ArrayList<>();
            validate(doc, decisionSchema(doc), JSON.readTree(bad), "$", errors);
            assertThat(errors).as(bad).isNotEmpty();
        }
    }

    @Test
    void theRequestIsDescribed() throws Exception {
        JsonNode doc = contract();
        JsonNode get = doc.path("paths").path("/").path("get");
        assertThat(get.path("operationId").asText()).isEqualTo("checkAccess");
        List<String> required = new ArrayList<>();
        get.path("parameters").forEach(p -> {
            if (p.path("required").asBoolean()) required.add(p.path("in").asText() + ":" + p.path("name").asText());
        });
        assertThat(required).contains("query:lockId", "query:appUserId", "header:Accept");
        assertThat(doc.path("info").path("description").asText()).contains("docs/validator.md");
    }

    static void validate(JsonNode doc, JsonNode schema, JsonNode value, String at, List<String> errors) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().substring("#/components/schemas/".length());
            validate(doc, doc.path("components").path("schemas").path(name), value, at, errors);
            return;
        }
        if (schema.has("type")) {
            List<String> types = new ArrayList<>();
            if (schema.get("type").isArray()) schema.get("type").forEach(t -> types.add(t.asText()));
            else types.add(schema.get("type").asText());
            if (types.stream().noneMatch(t -> hasType(value, t))) {
                errors.add(at + " is " + value.getNodeType() + ", not " + types);
                return;
            }
        }
        if (value.isNull()) {
            return;
        }
        schema.path("required").forEach(r -> {
            if (!value.has(r.asText())) errors.add(at + "." + r.asText() + " is required");
        });
        schema.path("properties").fields().forEachRemaining(p -> {
            if (value.has(p.getKey())) validate(doc, p.getValue(), value.get(p.getKey()), at + "." + p.getKey(), errors);
        });
        if (schema.has("minimum") && value.isNumber() && value.asDouble() < schema.get("minimum").asDouble()) {
            errors.add(at + " is below " + schema.get("minimum"));
        }
        if (schema.has("pattern") && value.isTextual() && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
            errors.add(at + " does not match " + schema.get("pattern"));
        }
        if ("date-time".equals(schema.path("format").asText()) && value.isTextual() && JsonTime.parseRfc3339(value.asText()).isEmpty()) {
            errors.add(at + " is not an RFC 3339 date-time");
        }
        if (schema.has("not")) {
            List<String> inner = new ArrayList<>();
            validate(doc, schema.get("not"), value, at, inner);
            if (inner.isEmpty()) errors.add(at + " matches what the contract forbids: " + schema.get("not"));
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "null" -> value.isNull();
            default -> false;
        };
    }
}
