package dev.odksim.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.conformance.FixtureIntegrator.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static dev.odksim.conformance.FixtureIntegrator.conformantBut;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code validate} command line in-process: exit codes, the one-line usage errors, and the report files. */
class ValidateCommandTest {

    static String[] args(String url, String... more) {
        return Stream.concat(Stream.of("--url", url, "--header", FixtureIntegrator.KEY_HEADER + ": " + FixtureIntegrator.KEY,
                "--grant", "front-door:+4712345678", "--deny", "server-room:+4798765432", "--repeats", "3"), Stream.of(more))
                .toArray(String[]::new);
    }

    static Stream<Arguments> badUsage() {
        return Stream.of(
                Arguments.of(new String[]{}, "Missing required options"),
                Arguments.of(new String[]{"--url", "http://localhost:1/x", "--grant", "a:+4712345678"}, "'--deny=LOCK_ID:E164'"),
                Arguments.of(args("ftp://example.com/x"), "--url must be an absolute http or https URL"),
                Arguments.of(args("http://user:s3cret@example.com/x"), "--url must be an absolute http or https URL"),
                Arguments.of(args("http://example.com/x?a=b"), "without a query string"),
                Arguments.of(new String[]{"--url", "http://localhost:1/x", "--grant", "front-door", "--deny", "b:+4798765432"},
                        "--grant: must be LOCK_ID:E164"),
                Arguments.of(new String[]{"--url", "http://localhost:1/x", "--grant", "a:4712345678", "--deny", "b:+4798765432"},
                        "--grant: '4712345678' is not an E.164 phone number"),
                Arguments.of(new String[]{"--url", "http://localhost:1/x", "--grant", "a:+4712345678", "--deny", "a:+4712345678"},
                        "--grant and --deny are the same pair"),
                Arguments.of(args("http://localhost:1/x", "--header", "no colon here"), "--header must be \"Name: value\""),
                Arguments.of(args("http://localhost:1/x", "--timeout-ms", "0"), "--timeout-ms must be between 1 and 120000"),
                Arguments.of(args("http://localhost:1/x", "--p99-budget-ms", "soon"), "Invalid value for option '--p99-budget-ms'"),
                Arguments.of(args("http://localhost:1/x", "--frobnicate"), "Unknown option: '--frobnicate'"));
    }

    @ParameterizedTest
    @MethodSource("badUsage")
    void badUsageIsExit3WithOneClearLine(String[] args, String says) {
        CommandLineRun run = CommandLineRun.validate(args);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("validate: ").contains(says).doesNotContain("s3cret");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMalformedHeaderIsNotEchoedAsItMayHoldTheSecret() {
        CommandLineRun run = CommandLineRun.validate(args("http://localhost:1/x", "--header", "X-Api-Key=very-secret-value"));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("--header must be \"Name: value\"").doesNotContain("very-secret-value");
        run = CommandLineRun.validate(args("http://localhost:1/x", "--header", "X Api Key: very-secret-value"));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("name 'X Api Key'").doesNotContain("very-secret-value");
    }

    @Test
    void helpListsTheExitCodes() {
        CommandLineRun run = CommandLineRun.validate("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--url", "--grant", "--deny", "--report-dir", "Exit codes:", "2   unreachable", "3   bad usage");
    }

    @Test
    void unreachableIsExit2(@TempDir Path dir) throws Exception {
        String url;
        try (FixtureIntegrator gone = FixtureIntegrator.serving(FixtureIntegrator::conformant)) {
            url = gone.url();
        }
        CommandLineRun run = CommandLineRun.validate(args(url, "--report-dir", dir.toString()));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("FAIL  reach.ok", "UNREACHABLE (exit 2)");
        Element suite = CommandLineRun.suite(CommandLineRun.junit(dir));
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo(String.valueOf(Check.values().length - 1));
    }

    @Test
    void aConformantEndpointIsExit0AndWritesAllThreeReports(@TempDir Path dir) throws Exception {
        try (FixtureIntegrator endpoint = FixtureIntegrator.serving(FixtureIntegrator::conformant)) {
            CommandLineRun run = CommandLineRun.validate(args(endpoint.url(), "--report-dir", dir.toString()));
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("CONFORMANT (exit 0)", "PASS  grant.pair", "headers X-Api-Key").doesNotContain("\u001b[");
            assertThat(run.err()).isEmpty();
        }
        assertThat(Files.readString(dir.resolve("report.json")) + Files.readString(dir.resolve("report.html"))
                + Files.readString(dir.resolve("junit.xml"))).doesNotContain(FixtureIntegrator.KEY);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.path("headers").path("X-Api-Key").asText()).isEqualTo("****1234");
        assertThat(json.path("checks").get(0).path("curl").asText()).contains("-H 'X-Api-Key: ****1234'");
        assertThat(json.path("verdict").asText()).isEqualTo("CONFORMANT");
        assertThat(json.path("checks")).hasSize(Check.values().length);
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).startsWith("<!doctype html>").contains("<style>", "grant.pair").doesNotContain("<script", "<link", "src=");
    }

    @Test
    void aNonConformantEndpointIsExit1AndJunitCountsMatch(@TempDir Path dir) throws Exception {
        // text/plain answers (content-type fails, and every check that needs a decision) and a raw '+' answered for the wrong user (a warning).
        try (FixtureIntegrator endpoint = FixtureIntegrator.serving(ask -> ask.appUserId() != null && ask.appUserId().startsWith(" ")
                ? Answer.json(200, FixtureIntegrator.body(ask.lockId(), ask.appUserId(), false, null))
                : conformantBut(a -> new Answer(a.status(), "text/plain", a.body(), a.headers())).answer(ask))) {
            CommandLineRun run = CommandLineRun.validate(args(endpoint.url(), "--report-dir", dir.toString()));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).contains("FAIL  content-type", "WARN  encoding.raw-plus", "NON-CONFORMANT (exit 1)", "↳ curl ");
        }
        JsonNode counts = new ObjectMapper().readTree(dir.resolve("report.json").toFile()).path("counts");
        Element root = CommandLineRun.junit(dir);
        Element suite = CommandLineRun.suite(root);
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(Check.values().length);
        assertThat(suite.getAttribute("tests")).isEqualTo(String.valueOf(Check.values().length));
        int failures = suite.getElementsByTagName("failure").getLength();
        assertThat(failures).isPositive().isEqualTo(counts.path("failed").asInt());
        assertThat(suite.getAttribute("failures")).isEqualTo(root.getAttribute("failures")).isEqualTo(String.valueOf(failures));
        assertThat(suite.getAttribute("skipped")).isEqualTo(String.valueOf(suite.getElementsByTagName("skipped").getLength()))
                .isEqualTo(counts.path("skipped").asText());
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(counts.path("warnings").asInt()).isEqualTo(1);
        assertThat(cases.getLength() - failures - counts.path("skipped").asInt()).isEqualTo(counts.path("passed").asInt() + 1);
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo(((Element) failure.getParentNode()).getAttribute("name"));
        assertThat(failure.getTextContent()).contains("Reproduce: curl ");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            if (testcase.getAttribute("name").equals("encoding.raw-plus")) {
                assertThat(testcase.getElementsByTagName("failure").getLength()).isZero();
                assertThat(testcase.getElementsByTagName("system-out").item(0).getTextContent()).startsWith("WARNING");
            }
        }
    }
}
