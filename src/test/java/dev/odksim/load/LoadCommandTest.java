package dev.odksim.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.decision.DecisionCaller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code load} command in-process against {@link DelayedEndpoint}, whose latency and capacity are known: the
 * measured median follows the injected latency, a rate above the endpoint's capacity is reported as such, the exit
 * codes, the report files. (The HTML report in a browser: dev.odksim.web.LoadReportBrowserTest.)
 */
class LoadCommandTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run load(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LoadCommand.execute(args, DecisionCaller.standalone(), new PrintWriter(out), new PrintWriter(err), false);
        return new Run(code, out.toString(), err.toString());
    }

    static String[] args(String url, String... more) {
        return Stream.concat(Stream.of("--url", url, "--header", "X-Api-Key: load-secret-1234", "--user", "+4712345678",
                "--lock", "front-door"), Stream.of(more)).toArray(String[]::new);
    }

    static JsonNode report(Path dir) throws Exception {
        return new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    }

    @Test
    void theMeasuredMedianFollowsTheInjectedLatency(@TempDir Path fast, @TempDir Path slow) throws Exception {
        double p50Fast;
        double p50Slow;
        try (DelayedEndpoint endpoint = new DelayedEndpoint(50, 0, 200)) {
            Run run = load(args(endpoint.url(), "--rate", "10/s", "--duration", "2s", "--report-dir", fast.toString()));
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            JsonNode r = report(fast);
            assertThat(r.path("completed").asLong()).isEqualTo(20);
            assertThat(endpoint.calls.get()).isEqualTo(20);
            assertThat(r.path("outcomes").get(0).path("outcome").asText()).isEqualTo("GRANTED");
            p50Fast = r.path("latency").path("p50").asDouble();
        }
        try (DelayedEndpoint endpoint = new DelayedEndpoint(800, 0, 200)) {
            Run run = load(args(endpoint.url(), "--rate", "10/s", "--duration", "2s", "--report-dir", slow.toString()));
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            p50Slow = report(slow).path("latency").path("p50").asDouble();
        }
        // Never below the injected latency; the difference follows the injected difference (750 ms). The margins are
        // wide because the client's own overhead varies a lot on a shared build machine; the shape is what counts.
        assertThat(p50Fast).isGreaterThanOrEqualTo(50.0);
        assertThat(p50Slow).isGreaterThanOrEqualTo(800.0);
        assertThat(p50Slow - p50Fast).as("p50 %s ms at 50 ms injected, %s ms at 800 ms", p50Fast, p50Slow).isBetween(750.0 - 300, 750.0 + 500);
    }

    @Test
    void aRateAboveTheEndpointsCapacityIsReportedAsSuchAndFailsThePercentileBudget(@TempDir Path dir) throws Exception {
        // One call at a time, 50 ms each: at most 20 calls/s; offered 80/s.
        try (DelayedEndpoint endpoint = new DelayedEndpoint(50, 1, 200)) {
            Run run = load(args(endpoint.url(), "--rate", "80/s", "--duration", "2s", "--timeout-ms", "1000", "--max-p99", "500ms",
                    "--max-error-rate", "100%", "--report-dir", dir.toString()));
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
            JsonNode r = report(dir);
            assertThat(r.path("keptUp").asBoolean()).isFalse();
            assertThat(r.path("sustainedPerSecond").asDouble()).isLessThan(0.6 * 80);
            assertThat(r.path("capacity").asText()).contains("above what the endpoint can take");
            assertThat(r.path("timeouts").asLong()).isPositive();
            assertThat(r.path("budgets").path("p99Held").asBoolean()).isFalse();
            assertThat(r.path("budgets").path("errorRateHeld").asBoolean()).isTrue();
            assertThat(run.out()).contains("above what the endpoint can take").contains("FAIL").contains("TIMEOUT");
        }
    }

    @Test
    void errorsBeyondTheBudgetExitOneAndAreCountedByReason() throws Exception {
        try (DelayedEndpoint endpoint = new DelayedEndpoint(1, 0, 503)) {
            Run run = load(args(endpoint.url(), "--rate", "50/s", "--duration", "1s"));
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
            assertThat(run.out()).contains("HTTP_STATUS").contains("50").contains("error rate 100.00% (budget 1.00%) EXCEEDED")
                    .doesNotContain("load-secret-1234");
        }
        try (DelayedEndpoint endpoint = new DelayedEndpoint(1, 0, 503)) {
            assertThat(load(args(endpoint.url(), "--rate", "50/s", "--duration", "1s", "--max-error-rate", "1")).exitCode())
                    .as("a budget of 100% holds").isZero();
        }
    }

    @Test
    void theConsoleSummaryAndTheReportsCarryTheFigures(@TempDir Path dir) throws Exception {
        try (DelayedEndpoint endpoint = new DelayedEndpoint(5, 0, 200)) {
            Run run = load(args(endpoint.url(), "--rate", "100/s", "--duration", "1500ms", "--report-dir", dir.toString()));
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("load: 100 calls/s for 1.5 s against " + endpoint.url()).contains("p50 ").contains("p99 ")
                    .contains("GRANTED").contains("PASS").contains("wrote " + dir.resolve("report.html"));
            JsonNode r = report(dir);
            assertThat(r.path("passed").asBoolean()).isTrue();
            assertThat(r.path("sent").asLong()).isEqualTo(150);
            assertThat(r.path("intervals").size()).isEqualTo(2);
            assertThat(r.path("histogram").size()).isPositive();
            String html = Files.readString(dir.resolve("report.html"));
            assertThat(html).contains("<svg").contains("<polyline").contains("<rect").doesNotContain("<script").doesNotContain("http-equiv")
                    .doesNotContain("load-secret-1234");
        }
    }

    static Stream<Arguments> badUsage() {
        String url = "http://127.0.0.1:1/check-access";
        return Stream.of(
                Arguments.of(new String[]{}, "Missing required"),
                Arguments.of(new String[]{"--url", url, "--lock", "a", "--rate", "1/s", "--duration", "1s"}, "--user"),
                Arguments.of(args(url, "--rate", "fast", "--duration", "1s"), "--rate must be calls per second"),
                Arguments.of(args(url, "--rate", "0/s", "--duration", "1s"), "--rate must be above 0"),
                Arguments.of(args(url, "--rate", "10/s", "--duration", "forever"), "--duration must be a time"),
                Arguments.of(args(url, "--rate", "10/s", "--duration", "1s", "--max-error-rate", "150%"), "--max-error-rate must be"),
                Arguments.of(args(url, "--rate", "10/s", "--duration", "1s", "--max-p99", "quick"), "--max-p99 must be a time"),
                Arguments.of(args(url, "--rate", "10/s", "--duration", "1s", "--user", "12345"), "not an E.164 phone number"),
                Arguments.of(args("ftp://example.com/x", "--rate", "10/s", "--duration", "1s"), "--url must be an absolute http"),
                Arguments.of(args(url, "--rate", "10/s", "--duration", "1s", "--header", "X-Api-Key=sekrit"), "--header must be"),
                Arguments.of(args(url, "--rate", "10/s", "--duration", "1s", "--users", "/no/such/file"), "mutually exclusive"));
    }

    @ParameterizedTest
    @MethodSource("badUsage")
    void badUsageIsExit3WithOneClearLine(String[] args, String says) {
        Run run = load(args);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("load: ").contains(says).doesNotContain("sekrit");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aUsersFileIsReadAndItsBadLinesNamed(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.txt");
        Files.writeString(users, "# workers\n+4712345678\n\nnot-a-number\n");
        Run run = load("--url", "http://127.0.0.1:1/check-access", "--users", users.toString(), "--lock", "a", "--rate", "1/s", "--duration", "1s");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("line 4").contains("not-a-number");
    }
}
