package dev.odksim.decision;

import dev.odksim.decision.DecisionResult.Failed;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The status boundaries of {@link ResponseRules#judge}: 300 and 399 are redirects, 299 and 400 are other statuses. */
class ResponseRulesBoundaryTest {

    private static final ResponseRules.Request REQUEST =
            new ResponseRules.Request("lock-1", "+4712345678", Instant.parse("2026-03-02T08:00:00Z"), 1800, 7200);

    private static Outcome outcomeOf(int status) {
        DecisionResult result = ResponseRules.judge(REQUEST, status, "application/json", "https://elsewhere.example/",
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOf(Failed.class);
        return ((Failed) result).outcome();
    }

    @Test
    void redirectsAreExactlyTheThreeHundreds() {
        assertThat(outcomeOf(300)).isEqualTo(Outcome.REDIRECT);
        assertThat(outcomeOf(399)).isEqualTo(Outcome.REDIRECT);
        assertThat(outcomeOf(299)).isEqualTo(Outcome.HTTP_STATUS);
        assertThat(outcomeOf(400)).isEqualTo(Outcome.HTTP_STATUS);
        assertThat(outcomeOf(201)).isEqualTo(Outcome.HTTP_STATUS);
    }
}
