package dev.odksim.conformance;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.odksim.conformance.CheckResult.Status;
import dev.odksim.conformance.FixtureIntegrator.Answer;
import dev.odksim.conformance.FixtureIntegrator.Ask;
import dev.odksim.conformance.FixtureIntegrator.Behaviour;
import dev.odksim.decision.CallerAuth;
import dev.odksim.decision.DecisionRequester;
import dev.odksim.decision.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.odksim.conformance.FixtureIntegrator.KARI;
import static dev.odksim.conformance.FixtureIntegrator.conformant;
import static dev.odksim.conformance.FixtureIntegrator.conformantBut;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One deliberately broken endpoint per check: each makes its check fail (or warn, for warning checks) and the
 * finding says why, which proves the checks can fail. The unbroken fixture passes every check, so each failure
 * comes from the one thing broken.
 */
class BrokenEndpointTest {

    static final Settings FAST = Settings.defaults().withRepeats(3);

    static Report validate(Behaviour behaviour, Settings settings) throws Exception {
        try (FixtureIntegrator endpoint = FixtureIntegrator.serving(behaviour)) {
            return new ConformanceSuite(DecisionRequester.withoutContainer(), Instant::now).run(endpoint.endpoint(), settings);
        }
    }

    static CheckResult result(Report report, String id) {
        return report.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theConformantFixturePassesEveryCheck() throws Exception {
        Report report = validate(FixtureIntegrator::conformant, FAST);
        assertThat(report.checks()).allSatisfy(c -> assertThat(c.status()).as(c.id() + ": " + c.message())
                .isEqualTo(c.id().equals("tls.valid") ? Status.SKIP : Status.PASS));
        assertThat(report.verdict()).isEqualTo(Report.Verdict.CONFORMANT);
        assertThat(report.exitCode()).isZero();
        assertThat(report.checks()).extracting(CheckResult::id).containsExactly(Stream.of(Check.values()).map(Check::id).toArray(String[]::new));
    }

    static Stream<Arguments> brokenEndpoints() {
        Behaviour grantsAll = ask -> Answer.json(200, FixtureIntegrator.body(ask.lockId(), ask.appUserId(), true, null));
        return Stream.of(
                broken("auth.missing-header", "GRANTED access without the auth header",
                        ask -> ask.apiKey() == null ? conformant(new Ask(ask.rawQuery(), ask.lockId(), ask.appUserId(), FixtureIntegrator.KEY, ask.call())) : conformant(ask)),
                broken("auth.wrong-header", "GRANTED access with a wrong auth header value",
                        ask -> ask.apiKey() != null ? conformant(new Ask(ask.rawQuery(), ask.lockId(), ask.appUserId(), FixtureIntegrator.KEY, ask.call())) : conformant(ask)),
                broken("grant.pair", "expected a grant", ask -> conformant(ask).status() == 200
                        ? Answer.json(200, FixtureIntegrator.body(ask.lockId(), ask.appUserId(), false, null)) : conformant(ask)),
                broken("deny.pair", "GRANTED the deny pair", ask -> FixtureIntegrator.known(ask.appUserId()) && FixtureIntegrator.KEY.equals(ask.apiKey())
                        ? Answer.json(200, FixtureIntegrator.body(ask.lockId(), ask.appUserId(), true, null)) : conformant(ask)),
                broken("lock.unknown", "GRANTED access for an unknown lock", ask -> KARI.equals(ask.appUserId()) && FixtureIntegrator.KEY.equals(ask.apiKey())
                        && !ask.lockId().contains("'") && !ask.lockId().contains("\"") && ask.lockId().startsWith("odk-sim-unknown")
                        ? grantsAll.answer(ask) : conformant(ask)),
                broken("user.malformed", "HTTP 500", ask -> conformant(ask).status() == 400
                        ? Answer.json(500, "{\"error\":\"NumberFormatException\"}") : conformant(ask)),
                broken("user.unknown", "server error for an unknown phone number", ask -> conformant(ask).status() == 200
                        && !FixtureIntegrator.known(ask.appUserId()) ? Answer.json(500, "{\"error\":\"NullPointerException\"}") : conformant(ask)),
                broken("encoding.plus-encoded", "echoed appUserId '4712345678'", conformantBut(a ->
                        a.withBody(a.body().replace("\"+", "\"")))),
                broken("encoding.raw-plus", "for appUserId ' 4712345678'", ask -> ask.appUserId() != null && ask.appUserId().startsWith(" ")
                        ? Answer.json(200, FixtureIntegrator.body(ask.lockId(), ask.appUserId(), false, null)) : conformant(ask)),
                broken("content-type", "Content-Type 'text/plain", conformantBut(a ->
                        new Answer(a.status(), "text/plain; charset=utf-8", a.body(), a.headers()))),
                broken("types.strict-echo", "hasAccess must be a JSON boolean", conformantBut(a ->
                        a.withBody(a.body().replace("\"hasAccess\":true", "\"hasAccess\":\"true\"")))),
                broken("keydata.valid", "keyData.duration must be positive", conformantBut(a ->
                        a.withBody(a.body().replace("\"duration\":1800", "\"duration\":-5")))),
                broken("keydata.within-max", "clamped to the project maximum of 86400 s", conformantBut(a ->
                        a.withBody(a.body().replace("\"duration\":1800", "\"duration\":200000")))),
                broken("consistency.repeat", "the same question got different answers", ask -> ask.call() % 2 == 0 && conformant(ask).body().contains("\"hasAccess\":true")
                        ? Answer.json(200, FixtureIntegrator.body(ask.lockId(), ask.appUserId(), false, null)) : conformant(ask)),
                broken("redirect.none", "were redirects, e.g. HTTP 301 to https://elsewhere.invalid/check-access", ask ->
                        new Answer(301, null, null, Map.of("Location", "https://elsewhere.invalid/check-access"))),
                broken("body.size", "answers exceeded the 65536-byte cap", conformantBut(a ->
                        a.withBody(a.body() + " ".repeat(70_000)))),
                broken("hostile.inputs", "HTTP 500", ask -> ask.lockId() != null && ask.lockId().contains("'")
                        ? Answer.json(500, "{\"error\":\"SQLSyntaxErrorException near '''\"}") : conformant(ask)));
    }

    private static Arguments broken(String check, String why, Behaviour behaviour) {
        return Arguments.of(check, why, behaviour);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenEndpoints")
    void eachBrokenEndpointFailsItsCheckAndSaysWhy(String check, String why, Behaviour behaviour) throws Exception {
        Report report = validate(behaviour, FAST);
        CheckResult result = result(report, check);
        Status expected = Check.valueOf(Stream.of(Check.values()).filter(c -> c.id().equals(check)).findFirst().orElseThrow().name())
                .severity() == Check.Severity.FAIL ? Status.FAIL : Status.WARN;
        assertThat(result.status()).as(result.message()).isEqualTo(expected);
        assertThat(result.message()).contains(why);
        assertThat(result.evidence()).isNotEmpty();
        assertThat(result.curl()).startsWith("curl ").contains(FixtureIntegrator.GRANT_LOCK.equals("") ? "" : "check-access");
        assertThat(report.verdict()).isEqualTo(expected == Status.FAIL ? Report.Verdict.NON_CONFORMANT : Report.Verdict.CONFORMANT);
    }

    @Test
    void aSlowEndpointFailsTheLatencyBudget() throws Exception {
        Settings tight = new Settings(1800, 86400, 3, 50, 100);
        Report report = validate(ask -> {
            if (!conformant(ask).body().contains("\"hasAccess\":true")) {
                return conformant(ask);
            }
            try {
                Thread.sleep(120); // the fault under test: a slow grant (endpoint behaviour, not synchronisation)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return conformant(ask);
        }, tight);
        CheckResult latency = result(report, "latency.p50-p99");
        assertThat(latency.status()).isEqualTo(Status.FAIL);
        assertThat(latency.message()).contains("p50 over budget", "p99 over budget", "3 calls");
        assertThat(latency.evidence()).singleElement().satisfies(e -> assertThat(e.latencyMs()).isGreaterThanOrEqualTo(120));
    }

    @Test
    void anEndpointWithoutAuthFailsBothAuthChecks() throws Exception {
        try (FixtureIntegrator endpoint = FixtureIntegrator.serving(ask -> conformant(new Ask(ask.rawQuery(), ask.lockId(),
                ask.appUserId(), FixtureIntegrator.KEY, ask.call())))) {
            Endpoint open = endpoint.endpoint(new CallerAuth.None());
            Report report = new ConformanceSuite(DecisionRequester.withoutContainer(), Instant::now).run(open, FAST);
            assertThat(result(report, "auth.missing-header").message()).contains("no auth is configured", "GRANTED");
            assertThat(result(report, "auth.wrong-header").status()).isEqualTo(Status.FAIL);
            assertThat(report.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void anUntrustedCertificateFailsTlsAndIsNotCalledUnreachable() {
        WireMockServer https = new WireMockServer(options().dynamicPort().dynamicHttpsPort());
        https.start();
        try {
            https.stubFor(any(anyUrl()).willReturn(okJson("{}")));
            Endpoint target = new Endpoint(new Target("https://localhost:" + https.httpsPort() + "/check-access",
                    new CallerAuth.ApiHeader("X-Api-Key", "k"), null, 1000, 3000, 65536),
                    new Endpoint.Pair("a", KARI), new Endpoint.Pair("b", FixtureIntegrator.OLA));
            Report report = new ConformanceSuite(DecisionRequester.withoutContainer(), Instant::now).run(target, FAST);
            CheckResult tls = result(report, "tls.valid");
            assertThat(tls.status()).isEqualTo(Status.FAIL);
            assertThat(tls.message()).contains("TLS handshake failed");
            assertThat(result(report, "reach.ok").status()).isEqualTo(Status.FAIL);
            assertThat(report.verdict()).isEqualTo(Report.Verdict.NON_CONFORMANT);
            assertThat(report.exitCode()).isEqualTo(1);
        } finally {
            https.stop();
        }
    }

    @Test
    void nothingListeningIsUnreachableAndSkipsTheRest() throws Exception {
        String url;
        try (FixtureIntegrator closed = FixtureIntegrator.serving(FixtureIntegrator::conformant)) {
            url = closed.url();
        }
        Endpoint target = new Endpoint(new Target(url, new CallerAuth.None(), null, 1000, 3000, 65536),
                new Endpoint.Pair("a", KARI), new Endpoint.Pair("b", FixtureIntegrator.OLA));
        Report report = new ConformanceSuite(DecisionRequester.withoutContainer(), Instant::now).run(target, FAST);
        assertThat(report.verdict()).isEqualTo(Report.Verdict.UNREACHABLE);
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(result(report, "reach.ok").message()).contains("no HTTP answer", "connection refused");
        assertThat(report.counts().skipped()).isEqualTo(Check.values().length - 1);
    }
}
