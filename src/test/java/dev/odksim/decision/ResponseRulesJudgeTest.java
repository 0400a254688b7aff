package dev.odksim.decision;

import dev.odksim.decision.DecisionResult.Denied;
import dev.odksim.decision.DecisionResult.Failed;
import dev.odksim.decision.DecisionResult.Granted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ResponseRules#judge} rule by rule (docs/design.md §6.4), without HTTP or Quarkus. */
class ResponseRulesJudgeTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.600Z");
    private static final Instant NOW_S = Instant.parse("2026-03-01T12:00:00Z");
    private static final ResponseRules.Request REQUEST = new ResponseRules.Request("lock-1", "+4712345678", NOW, 1800, 7200);
    private static final String ECHO = "\"lockId\":\"lock-1\",\"appUserId\":\"+4712345678\"";

    private static DecisionResult judge(int status, String contentType, String body) {
        return ResponseRules.judge(REQUEST, status, contentType, null, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    private static DecisionResult judge(String body) {
        return judge(200, "application/json", body);
    }

    private static void assertFailed(DecisionResult result, Outcome outcome, String reasonPart) {
        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.outcome()).isEqualTo(outcome);
            assertThat(f.reason()).contains(reasonPart);
        });
    }

    @Test
    void grantWithoutKeyDataGetsTheDefaultDurationFromNowInWholeSeconds() {
        assertThat(judge("{" + ECHO + ",\"hasAccess\":true}")).isEqualTo(new Granted(NOW_S, NOW_S.plusSeconds(1800), null));
        assertThat(judge("{" + ECHO + ",\"hasAccess\":true,\"keyData\":null}")).isEqualTo(new Granted(NOW_S, NOW_S.plusSeconds(1800), null));
    }

    @Test
    void grantWithDurationCountsFromNow() {
        assertThat(judge("{" + ECHO + ",\"hasAccess\":true,\"keyData\":{\"duration\":3600}}"))
                .isEqualTo(new Granted(NOW_S, NOW_S.plusSeconds(3600), null));
        assertThat(judge("{" + ECHO + ",\"hasAccess\":true,\"keyData\":{\"duration\":7200}}"))
                .isEqualTo(new Granted(NOW_S, NOW_S.plusSeconds(7200), null));
    }

    @Test
    void durationBeyondTheMaximumIsClampedAndSaysSo() {
        DecisionResult result = judge("{" + ECHO + ",\"hasAccess\":true,\"keyData\":{\"duration\":7201}}");
        assertThat(result).isInstanceOfSatisfying(Granted.class, g -> {
            assertThat(g.end()).isEqualTo(NOW_S.plusSeconds(7200));
            assertThat(g.reason()).contains("7201").contains("7200");
        });
    }

    @Test
    void grantWithStartAndEnd() {
        assertThat(judge("{" + ECHO + ",\"hasAccess\":true,\"keyData\":{\"start\":\"2026-03-01T12:30:00Z\",\"end\":\"2026-03-01T13:00:00.900Z\"}}"))
                .isEqualTo(new Granted(Instant.parse("2026-03-01T12:30:00Z"), Instant.parse("2026-03-01T13:00:00Z"), null));
        assertThat(judge("{" + ECHO + ",\"hasAccess\":true,\"keyData\":{\"start\":\"2026-03-01T12:30:00Z\"}}"))
                .isEqualTo(new Granted(Instant.parse("2026-03-01T12:30:00Z"), Instant.parse("2026-03-01T13:00:00Z"), null));
    }

    @Test
    void hasAccessFalseIsADenial() {
        assertThat(judge("{" + ECHO + ",\"hasAccess\":false}")).isInstanceOf(Denied.class);
        assertThat(judge("{" + ECHO + ",\"hasAccess\":false,\"keyData\":{\"duration\":-5}}")).isInstanceOf(Denied.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308, 399})
    void redirectsAreNotFollowed(int status) {
        assertFailed(ResponseRules.judge(REQUEST, status, "application/json", "https://elsewhere.example/x", new byte[0]),
                Outcome.REDIRECT, "to https://elsewhere.example/x");
        assertFailed(judge(status, null, null), Outcome.REDIRECT, "HTTP " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 201, 204, 299, 400, 401, 403, 404, 429, 500, 503})
    void everyStatusButTwoHundredIsNoDecision(int status) {
        assertFailed(judge(status, "application/json", "{" + ECHO + ",\"hasAccess\":true}"), Outcome.HTTP_STATUS, "HTTP " + status);
    }

    @ParameterizedTest
    @CsvSource(value = {"application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "application/problem+json",
            " application/json ;x=y"}, delimiter = '|')
    void jsonContentTypesAreRead(String contentType) {
        assertThat(judge(200, contentType, "{" + ECHO + ",\"hasAccess\":false}")).isInstanceOf(Denied.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/json", "application/xml", "application/jsonp", "json", "application/+jsonx"})
    void otherContentTypesAreInvalid(String contentType) {
        assertFailed(judge(200, contentType, "{" + ECHO + ",\"hasAccess\":true}"), Outcome.INVALID_RESPONSE, "content type");
    }

    @Test
    void missingContentTypeIsInvalid() {
        assertFailed(judge(200, null, "{" + ECHO + ",\"hasAccess\":true}"), Outcome.INVALID_RESPONSE, "missing");
    }

    @Test
    void bodiesThatAreNotAJsonObjectAreInvalid() {
        assertFailed(judge("{\"lockId\":"), Outcome.INVALID_RESPONSE, "not valid JSON");
        assertFailed(judge(""), Outcome.INVALID_RESPONSE, "not a JSON object");
        assertFailed(judge("[]"), Outcome.INVALID_RESPONSE, "a JSON array");
        assertFailed(judge("true"), Outcome.INVALID_RESPONSE, "a JSON boolean");
        assertFailed(judge("{" + ECHO + ",\"hasAccess\":true,\"hasAccess\":false}"), Outcome.INVALID_RESPONSE, "not valid JSON");
    }

    @Test
    void idsMustBeEchoedExactly() {
        assertFailed(judge("{\"appUserId\":\"+4712345678\",\"hasAccess\":true}"), Outcome.INVALID_RESPONSE, "lockId must be a string");
        assertFailed(judge("{\"lockId\":7,\"appUserId\":\"+4712345678\",\"hasAccess\":true}"), Outcome.INVALID_RESPONSE, "lockId must be a string");
        assertFailed(judge("{\"lockId\":\"lock-2\",\"appUserId\":\"+4712345678\",\"hasAccess\":true}"), Outcome.INVALID_RESPONSE, "does not echo");
        assertFailed(judge("{\"lockId\":\"lock-1\",\"hasAccess\":true}"), Outcome.INVALID_RESPONSE, "appUserId must be a string");
        assertFailed(judge("{\"lockId\":\"lock-1\",\"appUserId\":4712345678,\"hasAccess\":true}"), Outcome.INVALID_RESPONSE, "appUserId must be a string");
        assertFailed(judge("{\"lockId\":\"lock-1\",\"appUserId\":\"+4798765432\",\"hasAccess\":true}"), Outcome.INVALID_RESPONSE, "does not echo");
        assertFailed(judge("{\"lockId\":\"lock-1\",\"appUserId\":\"not a phone\",\"hasAccess\":true}"), Outcome.INVALID_RESPONSE, "does not echo");
    }

    @Test
    void theEchoedPhoneNumberMayBeFormattedDifferently() {
        assertThat(judge("{\"lockId\":\"lock-1\",\"appUserId\":\"+47 12 34 56 78\",\"hasAccess\":false}")).isInstanceOf(Denied.class);
    }

    @Test
    void hasAccessMustBeABoolean() {
        assertFailed(judge("{" + ECHO + "}"), Outcome.INVALID_RESPONSE, "hasAccess is missing");
        assertFailed(judge("{" + ECHO + ",\"hasAccess\":null}"), Outcome.INVALID_RESPONSE, "hasAccess is missing");
        assertFailed(judge("{" + ECHO + ",\"hasAccess\":\"true\"}"), Outcome.INVALID_RESPONSE, "must be a JSON boolean");
        assertFailed(judge("{" + ECHO + ",\"hasAccess\":1}"), Outcome.INVALID_RESPONSE, "must be a JSON boolean");
    }

    @Test
    void keyDataRules() {
        String grant = "{" + ECHO + ",\"hasAccess\":true,\"keyData\":";
        assertFailed(judge(grant + "3600}"), Outcome.INVALID_RESPONSE, "keyData must be a JSON object");
        assertFailed(judge(grant + "{\"duration\":60,\"end\":\"2026-03-01T13:00:00Z\"}}"), Outcome.INVALID_RESPONSE, "both duration and end");
        assertFailed(judge(grant + "{\"duration\":1.5}}"), Outcome.INVALID_RESPONSE, "whole number");
        assertFailed(judge(grant + "{\"duration\":\"60\"}}"), Outcome.INVALID_RESPONSE, "whole number");
        assertFailed(judge(grant + "{\"duration\":0}}"), Outcome.INVALID_RESPONSE, "must be positive");
        assertFailed(judge(grant + "{\"duration\":-1}}"), Outcome.INVALID_RESPONSE, "must be positive");
        assertFailed(judge(grant + "{\"duration\":99999999999999999999}}"), Outcome.INVALID_RESPONSE, "whole number");
        assertFailed(judge(grant + "{\"start\":\"yesterday\"}}"), Outcome.INVALID_RESPONSE, "keyData.start must be an RFC 3339");
        assertFailed(judge(grant + "{\"start\":1700000000}}"), Outcome.INVALID_RESPONSE, "keyData.start must be an RFC 3339");
        assertFailed(judge(grant + "{\"end\":\"soon\"}}"), Outcome.INVALID_RESPONSE, "keyData.end must be an RFC 3339");
        assertFailed(judge(grant + "{\"end\":\"2026-03-01T11:00:00Z\"}}"), Outcome.INVALID_RESPONSE, "is in the past");
        assertFailed(judge(grant + "{\"end\":\"2026-03-01T12:00:00Z\"}}"), Outcome.INVALID_RESPONSE, "is in the past");
        assertFailed(judge(grant + "{\"start\":\"2026-03-01T13:00:00Z\",\"end\":\"2026-03-01T12:30:00Z\"}}"), Outcome.INVALID_RESPONSE,
                "is not after the start");
        assertFailed(judge(grant + "{\"start\":\"2026-03-01T10:00:00Z\",\"duration\":60}}"), Outcome.INVALID_RESPONSE, "is in the past");
    }

    @Test
    void hugeDurationsAreCappedBeforeArithmeticThenClamped() {
        DecisionResult result = judge("{" + ECHO + ",\"hasAccess\":true,\"keyData\":{\"duration\":9223372036854775807}}");
        assertThat(result).isInstanceOfSatisfying(Granted.class, g -> assertThat(g.end()).isEqualTo(NOW_S.plusSeconds(7200)));
    }

    @Test
    void isJsonIsStrictAboutTheType() {
        assertThat(ResponseRules.isJson("application/vnd.odk+json")).isTrue();
        assertThat(ResponseRules.isJson("application/json;charset=UTF-8")).isTrue();
        assertThat(ResponseRules.isJson("text/plain+json")).isFalse();
        assertThat(ResponseRules.isJson(null)).isFalse();
        assertThat(ResponseRules.isJson("")).isFalse();
    }
}
