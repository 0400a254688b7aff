package dev.odksim.conformance;

import dev.odksim.decision.DecisionRequester;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs every {@link Check} against one endpoint (docs/design.md §10) and returns the {@link Report}. Plain Java without
 * CDI or a database, so the {@code validate} command runs it without starting the server, and the admin API runs
 * the same code with the platform's own {@link DecisionRequester} bean. The project's guards (circuit breaker,
 * concurrency limit) are deliberately not in the way: the suite reports what the endpoint itself does.
 */
public final class ConformanceSuite {

    public static final String TOOL = "odk-sim validate";

    private final DecisionRequester caller;
    private final Supplier<Instant> clock;

    public ConformanceSuite(DecisionRequester caller, Supplier<Instant> clock) {
        this.caller = caller;
        this.clock = clock;
    }

    public Report run(Endpoint target, Settings settings) {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        Map<Check, CheckResult> results = new EnumMap<>(Check.class);
        List<Evidence> all = new ArrayList<>();
        Prober prober = new Prober(caller, target, settings, clock);
        RequestChecks requests = new RequestChecks(prober, all);
        AnswerChecks answers = new AnswerChecks(settings, target.target(), clock);

        boolean tlsBroken = false;
        if (target.https()) {
            TlsProbe.Outcome tls = TlsProbe.probe(target.url(), target.target().connectTimeoutMs(), target.target().timeoutMs());
            tlsBroken = tls.connected() && !tls.valid();
            results.put(Check.TLS, tls.connected()
                    ? CheckResult.of(Check.TLS, tls.valid(), tls.evidence().reason(), List.of(tls.evidence()), tls.evidence())
                    : CheckResult.skip(Check.TLS, "not run: " + tls.evidence().reason()));
        } else {
            results.put(Check.TLS, CheckResult.skip(Check.TLS, "plain http: no TLS to check (a production endpoint should use https)"));
        }
        long t = System.nanoTime();
        Evidence grant = requests.send("grant pair", target.grant(), prober.auth());
        results.put(Check.REACH, CheckResult.of(Check.REACH, grant.answered(), grant.answered() ? "answered in " + grant.latencyMs()
                + " ms: " + grant.summary() : "no HTTP answer: " + grant.reason(), List.of(grant), grant).took(ms(t)));
        if (!grant.answered()) {
            for (Check check : Check.values()) {
                results.putIfAbsent(check, CheckResult.skip(check, "not run: the endpoint gave no HTTP answer (see reach.ok)"));
            }
            return report(target, settings, startedAt, started, results, tlsBroken ? Report.Verdict.NON_CONFORMANT : Report.Verdict.UNREACHABLE);
        }

        List<Evidence> decisions = new ArrayList<>(List.of(grant));
        timed(results, Check.AUTH_MISSING, requests::authMissing);
        timed(results, Check.AUTH_WRONG, requests::authWrong);
        results.put(Check.GRANT, RequestChecks.grant(grant));
        Evidence[] deny = new Evidence[1];
        timed(results, Check.DENY, () -> {
            deny[0] = requests.send("deny pair", target.deny(), prober.auth());
            decisions.add(deny[0]);
            return requests.deny(deny[0]);
        });
        timed(results, Check.LOCK_UNKNOWN, () -> remember(requests.unknownLock(), decisions));
        timed(results, Check.USER_MALFORMED, requests::malformedUser);
        timed(results, Check.USER_UNKNOWN, () -> remember(requests.unknownUser(), decisions));
        results.put(Check.PLUS_ENCODED, requests.plusEncoded(grant));
        timed(results, Check.RAW_PLUS, requests::rawPlus);
        results.put(Check.CONTENT_TYPE, answers.contentType(decisions));
        results.put(Check.TYPES, answers.types(decisions));
        results.put(Check.KEYDATA, answers.keyData(grant, target.grant()));
        results.put(Check.KEYDATA_MAX, answers.keyDataWithinMax(grant, target.grant()));
        List<Evidence> grantRepeats = new ArrayList<>();
        timed(results, Check.LATENCY, () -> {
            for (int i = 1; i <= settings.repeats(); i++) {
                grantRepeats.add(requests.send("grant pair, repeat " + i, target.grant(), prober.auth()));
            }
            return answers.latency(grantRepeats);
        });
        timed(results, Check.CONSISTENCY, () -> {
            List<Evidence> grants = new ArrayList<>(List.of(grant));
            grants.addAll(grantRepeats);
            List<Evidence> denies = new ArrayList<>(List.of(deny[0]));
            for (int i = 1; i < Math.min(settings.repeats(), 5); i++) {
                denies.add(requests.send("deny pair, repeat " + i, target.deny(), prober.auth()));
            }
            return answers.consistency(grants, denies);
        });
        timed(results, Check.HOSTILE, requests::hostile);
        results.put(Check.REDIRECT, answers.noRedirects(all));
        results.put(Check.BODY_SIZE, answers.bodySize(all));
        boolean failed = results.values().stream().anyMatch(r -> r.status() == CheckResult.Status.FAIL);
        return report(target, settings, startedAt, started, results, failed ? Report.Verdict.NON_CONFORMANT : Report.Verdict.CONFORMANT);
    }

    /** Adds the answer a check was decided on to those whose content type, types and echo are inspected. */
    private static CheckResult remember(CheckResult result, List<Evidence> decisions) {
        decisions.add(result.evidence().get(0));
        return result;
    }

    private static void timed(Map<Check, CheckResult> results, Check check, Supplier<CheckResult> run) {
        long t = System.nanoTime();
        results.put(check, run.get().took(ms(t)));
    }

    private static long ms(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static Report report(Endpoint target, Settings settings, Instant startedAt, long started, Map<Check, CheckResult> results,
                                 Report.Verdict verdict) {
        List<CheckResult> checks = List.copyOf(results.values());
        return new Report(TOOL, target.url(), target.maskedAuth(), target.grant().toString(), target.deny().toString(), settings, startedAt,
                ms(started), verdict, verdict.exitCode(), Report.Counts.of(checks), checks);
    }
}
