package dev.odksim.decision;

import dev.odksim.decision.DecisionResult.Failed;
import dev.odksim.decision.DecisionResult.Granted;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Plain unit tests of the pure §6.4 rules where the window arithmetic matters (no HTTP, no Quarkus). */
class ResponseRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final ResponseRules.Request REQUEST = new ResponseRules.Request("lock-1", "+4712345678", NOW, 1800, 7200);

    private static DecisionResult judge(String keyData) {
        String body = "{\"lockId\":\"lock-1\",\"appUserId\":\"+4712345678\",\"hasAccess\":true,\"keyData\":" + keyData + "}";
        return ResponseRules.judge(REQUEST, 200, "application/json", null, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWindowStartingLongAgoIsClampedToAKeyThatIsStillUsable() {
        // Started two days ago, ends in an hour: over the 2 h maximum. Clamping from the start would end it yesterday.
        DecisionResult result = judge("{\"start\":\"" + NOW.minusSeconds(2 * 86400) + "\",\"end\":\"" + NOW.plusSeconds(3600) + "\"}");
        assertThat(result).isInstanceOf(Granted.class);
        Granted granted = (Granted) result;
        assertThat(granted.end()).isAfter(NOW);
        assertThat(granted.end()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(granted.start()).isEqualTo(NOW.minusSeconds(2 * 86400));
    }

    @Test
    void aLongWindowStartingInThePastIsUsableForAtMostTheMaximumFromNow() {
        DecisionResult result = judge("{\"start\":\"" + NOW.minusSeconds(86400) + "\",\"end\":\"" + NOW.plusSeconds(86400) + "\"}");
        Granted granted = (Granted) result;
        assertThat(granted.end()).isEqualTo(NOW.plusSeconds(7200));
        assertThat(granted.reason()).contains("clamped to the project maximum of 7200 s");
    }

    @Test
    void aFutureWindowIsClampedFromItsStart() {
        Instant start = NOW.plusSeconds(600);
        Granted granted = (Granted) judge("{\"start\":\"" + start + "\",\"duration\":86400}");
        assertThat(granted.start()).isEqualTo(start);
        assertThat(granted.end()).isEqualTo(start.plusSeconds(7200));
    }

    @Test
    void aWindowWithinTheMaximumIsKeptAsGiven() {
        Granted granted = (Granted) judge("{\"duration\":600}");
        assertThat(granted.start()).isEqualTo(NOW);
        assertThat(granted.end()).isEqualTo(NOW.plusSeconds(600));
        assertThat(granted.reason()).isNull();
    }

    @Test
    void timesBeyondRfc3339sFourDigitYearsAreInvalid() {
        // java.time reads expanded years; RFC 3339 has exactly four digits, and such a key could not even be signed.
        for (String keyData : new String[]{"{\"start\":\"+999999999-01-01T00:00:00Z\",\"duration\":60}",
                "{\"end\":\"+10000-01-01T00:00:00Z\"}"}) {
            DecisionResult result = judge(keyData);
            assertThat(result).as(keyData).isInstanceOf(Failed.class);
            assertThat(((Failed) result).outcome()).isEqualTo(Outcome.INVALID_RESPONSE);
            assertThat(result.reason()).contains("RFC 3339");
        }
        assertThat(judge("{\"end\":\"2026-03-01T13:00:00.000+01:00\"}")).isInstanceOf(Failed.class);
        assertThat(((Granted) judge("{\"end\":\"2026-03-01T14:00:00.000+01:00\"}")).end()).isEqualTo(NOW.plusSeconds(3600));
    }
}
