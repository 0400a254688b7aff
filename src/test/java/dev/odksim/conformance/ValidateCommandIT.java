package dev.odksim.conformance;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given the packaged jar and a WireMock endpoint that implements the contract of docs/design.md §6 correctly, when {@code java -jar
 * quarkus-run.jar validate …} runs as a real process, then it exits with the documented code, writes its reports,
 * and starts no server and no database (no data directory appears). Run by failsafe: {@code ./mvnw verify}.
 */
class ValidateCommandIT {

    private static final String KEY = "it-secret-key-0042";
    private static WireMockServer endpoint;

    @BeforeAll
    static void conformantEndpoint() {
        endpoint = new WireMockServer(options().dynamicPort());
        endpoint.start();
        endpoint.stubFor(get(urlPathEqualTo("/check-access")).atPriority(1).withHeader("X-Api-Key", absent())
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("{\"error\":\"no key\"}")));
        endpoint.stubFor(get(urlPathEqualTo("/check-access")).atPriority(2).withHeader("X-Api-Key", notMatching(KEY))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("{\"error\":\"wrong key\"}")));
        endpoint.stubFor(get(urlPathEqualTo("/check-access")).atPriority(3)
                .withQueryParam("lockId", equalTo("front-door")).withQueryParam("appUserId", equalTo("+4712345678"))
                .willReturn(okJson("{\"lockId\":\"front-door\",\"appUserId\":\"+4712345678\",\"hasAccess\":true,\"keyData\":{\"duration\":1800}}")));
        endpoint.stubFor(get(urlPathEqualTo("/check-access")).atPriority(4)
                .withQueryParam("lockId", matching("[A-Za-z0-9._:~-]{1,128}")).withQueryParam("appUserId", matching("\\+[1-9][0-9]{6,14}"))
                .willReturn(okJson("{\"lockId\":\"{{request.query.lockId}}\",\"appUserId\":\"{{request.query.appUserId}}\",\"hasAccess\":false}")
                        .withTransformers("response-template")));
        endpoint.stubFor(get(urlPathEqualTo("/check-access")).atPriority(5)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("{\"error\":\"bad request\"}")));
    }

    @AfterAll
    static void stop() {
        endpoint.stop();
    }

    record Run(int exitCode, String out, String err) {
    }

    static Run jar(Path workDir, String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("odk.test.jar");
        assertThat(jar).as("system property odk.test.jar (set by failsafe in pom.xml)").isNotBlank();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout.txt").toFile()).redirectError(workDir.resolve("stderr.txt").toFile());
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the command finished").isTrue();
        return new Run(process.exitValue(), Files.readString(workDir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(workDir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }

    private static String url() {
        return "http://localhost:" + endpoint.port() + "/check-access";
    }

    @Test
    void aConformantEndpointExits0WithReportsAndWithoutStartingTheServer(@TempDir Path dir) throws Exception {
        Run run = jar(dir, "validate", "--url", url(), "--header", "X-Api-Key: " + KEY, "--grant", "front-door:+4712345678",
                "--deny", "server-room:+4798765432", "--repeats", "5", "--report-dir", "reports");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("PASS  grant.pair", "PASS  hostile.inputs", "CONFORMANT (exit 0)").doesNotContain("\u001b[");
        assertThat(run.out() + run.err()).doesNotContain(KEY, "Listening on", "Flyway");
        assertThat(dir.resolve("reports/report.json")).exists();
        assertThat(dir.resolve("reports/junit.xml")).exists();
        assertThat(dir.resolve("reports/report.html")).exists();
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aBrokenEndpointExits1(@TempDir Path dir) throws Exception {
        Run run = jar(dir, "validate", "--url", url(), "--header", "X-Api-Key: " + KEY, "--grant", "server-room:+4798765432",
                "--deny", "front-door:+4712345678", "--repeats", "2");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  grant.pair", "FAIL  deny.pair", "NON-CONFORMANT (exit 1)");
    }

    @Test
    void nothingListeningExits2(@TempDir Path dir) throws Exception {
        Run run = jar(dir, "validate", "--url", "http://localhost:1/check-access", "--grant", "a:+4712345678", "--deny", "b:+4798765432");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("UNREACHABLE (exit 2)");
    }

    @Test
    void badUsageExits3WithOneLineOnStderr(@TempDir Path dir) throws Exception {
        Run run = jar(dir, "validate", "--url", url(), "--grant", "front-door", "--deny", "b:+4798765432");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip()).doesNotContain("\n").contains("--grant: must be LOCK_ID:E164");
        assertThat(run.out()).isEmpty();
        Run unknown = jar(dir, "frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err().strip()).doesNotContain("\n").contains("unknown command 'frobnicate'");
    }
}
