package dev.odksim.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odksim.decision.DecisionResult;
import dev.odksim.decision.DecisionResult.Granted;
import dev.odksim.decision.Outcome;
import dev.odksim.decision.ResponseRules;
import dev.odksim.decision.Target;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The checks that read answers already received, plus the repeated calls: content type, types and echo, keyData,
 * latency percentiles, consistency, redirects and body size.
 */
final class AnswerChecks {

    private final Settings settings;
    private final Target target;
    private final Supplier<Instant> clock;

    AnswerChecks(Settings settings, Target target, Supplier<Instant> clock) {
        this.settings = settings;
        this.target = target;
        this.clock = clock;
    }

    CheckResult contentType(List<Evidence> decisions) {
        List<Evidence> ok200 = decisions.stream().filter(e -> e.statusIn(200, 200)).toList();
        if (ok200.isEmpty()) {
            return CheckResult.skip(Check.CONTENT_TYPE, "no 200 answer to inspect (see grant.pair and deny.pair)");
        }
        List<Evidence> wrong = ok200.stream().filter(e -> !ResponseRules.isJson(e.contentType())).toList();
        return CheckResult.of(Check.CONTENT_TYPE, wrong.isEmpty(), wrong.isEmpty() ? "every 200 answer is JSON ("
                + ok200.get(0).contentType() + ")" : wrong.stream().map(e -> e.label() + ": Content-Type "
                + (e.contentType() == null ? "missing" : "'" + e.contentType() + "'")).collect(Collectors.joining("; "))
                + "; send Content-Type: application/json", wrong.isEmpty() ? ok200 : wrong, wrong.isEmpty() ? null : wrong.get(0));
    }

    /** Stricter than the platform on the echo: it must be the exact string sent, not merely the same number. */
    CheckResult types(List<Evidence> decisions) {
        List<String> problems = new ArrayList<>();
        List<Evidence> inspected = new ArrayList<>();
        Evidence culprit = null;
        for (Evidence e : decisions) {
            if (!e.statusIn(200, 200)) {
                continue;
            }
            inspected.add(e);
            List<String> found = typeProblems(e);
            if (!found.isEmpty()) {
                problems.add(e.label() + ": " + String.join(", ", found));
                culprit = culprit == null ? e : culprit;
            }
        }
        if (inspected.isEmpty()) {
            return CheckResult.skip(Check.TYPES, "no 200 answer to inspect (see grant.pair and deny.pair)");
        }
        return CheckResult.of(Check.TYPES, problems.isEmpty(), problems.isEmpty() ? inspected.size()
                + " answers: lockId and appUserId echoed exactly, hasAccess a JSON boolean" : String.join("; ", problems),
                inspected, culprit);
    }

    private static List<String> typeProblems(Evidence answer) {
        JsonNode body = answer.json();
        Endpoint.Pair pair = new Endpoint.Pair(answer.askedLockId(), answer.askedAppUserId());
        if (body == null) {
            return List.of("the body is not a JSON object");
        }
        List<String> found = new ArrayList<>();
        JsonNode lockId = body.get("lockId");
        if (lockId == null || !lockId.isTextual()) {
            found.add("lockId must be a JSON string, got " + lockId);
        } else if (!lockId.textValue().equals(pair.lockId())) {
            found.add("lockId '" + lockId.textValue() + "' is not the exact '" + pair.lockId() + "' sent");
        }
        JsonNode appUserId = body.get("appUserId");
        if (appUserId == null || !appUserId.isTextual()) {
            found.add("appUserId must be a JSON string, got " + appUserId);
        } else if (!appUserId.textValue().equals(pair.appUserId())) {
            found.add("appUserId '" + appUserId.textValue() + "' is not the exact '" + pair.appUserId() + "' sent");
        }
        JsonNode hasAccess = body.get("hasAccess");
        if (hasAccess == null || !hasAccess.isBoolean()) {
            found.add("hasAccess must be a JSON boolean (true or false, unquoted), got " + hasAccess);
        }
        JsonNode keyData = body.get("keyData");
        if (keyData != null && !keyData.isNull() && !keyData.isObject()) {
            found.add("keyData must be a JSON object, got " + keyData);
        }
        return found;
    }

    /** The grant's keyData alone, judged by the platform's rules inside an otherwise perfect answer. */
    DecisionResult judgeKeyData(Evidence grant, Endpoint.Pair pair) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("lockId", pair.lockId()).put("appUserId", pair.appUserId())
                .put("hasAccess", true);
        body.set("keyData", grant.json().get("keyData"));
        return ResponseRules.judge(new ResponseRules.Request(pair.lockId(), pair.appUserId(), clock.get(),
                settings.defaultDurationSeconds(), settings.maxDurationSeconds()), 200, "application/json", null,
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    CheckResult keyData(Evidence grant, Endpoint.Pair pair) {
        if (!grant.grantsAccess()) {
            return CheckResult.skip(Check.KEYDATA, "the grant pair was not granted, so there is no keyData to inspect");
        }
        JsonNode keyData = grant.json().get("keyData");
        if (keyData == null || keyData.isNull()) {
            return CheckResult.of(Check.KEYDATA, true, "no keyData: the platform gives the project's default duration ("
                    + settings.defaultDurationSeconds() + " s)", List.of(grant), grant);
        }
        DecisionResult judged = judgeKeyData(grant, pair);
        return CheckResult.of(Check.KEYDATA, judged instanceof Granted, judged instanceof Granted granted
                ? "keyData " + keyData + " gives the window " + granted.start() + " – " + granted.end()
                : "keyData " + keyData + ": " + judged.reason(), List.of(grant), grant);
    }

    CheckResult keyDataWithinMax(Evidence grant, Endpoint.Pair pair) {
        if (!grant.grantsAccess() || !(judgeKeyData(grant, pair) instanceof Granted granted)) {
            return CheckResult.skip(Check.KEYDATA_MAX, "no valid grant to inspect (see grant.pair and keydata.valid)");
        }
        boolean clamped = granted.reason() != null;
        return CheckResult.of(Check.KEYDATA_MAX, !clamped, clamped ? granted.reason() + "; ask for at most "
                + settings.maxDurationSeconds() + " s" : "the key window is within " + settings.maxDurationSeconds() + " s",
                List.of(grant), grant);
    }

    CheckResult latency(List<Evidence> repeats) {
        List<Long> sorted = repeats.stream().map(Evidence::latencyMs).sorted().toList();
        long p50 = percentile(sorted, 50);
        long p95 = percentile(sorted, 95);
        long p99 = percentile(sorted, 99);
        long timeouts = repeats.stream().filter(e -> Outcome.TIMEOUT.name().equals(e.outcome())).count();
        Evidence slowest = repeats.stream().max(Comparator.comparingLong(Evidence::latencyMs)).orElseThrow();
        String numbers = repeats.size() + " calls: p50 " + p50 + " ms, p95 " + p95 + " ms, p99 " + p99 + " ms, max "
                + slowest.latencyMs() + " ms (budget p50 ≤ " + settings.p50BudgetMs() + " ms, p99 ≤ " + settings.p99BudgetMs() + " ms)";
        List<String> over = new ArrayList<>();
        if (p50 > settings.p50BudgetMs()) {
            over.add("p50 over budget");
        }
        if (p99 > settings.p99BudgetMs()) {
            over.add("p99 over budget");
        }
        if (timeouts > 0) {
            over.add(timeouts + " timed out after " + target.timeoutMs() + " ms");
        }
        return CheckResult.of(Check.LATENCY, over.isEmpty(), over.isEmpty() ? numbers : String.join(", ", over) + ": " + numbers,
                List.of(slowest), slowest);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    CheckResult consistency(List<Evidence> grants, List<Evidence> denies) {
        Map<String, Long> grantOutcomes = tally(grants);
        Map<String, Long> denyOutcomes = tally(denies);
        boolean ok = grantOutcomes.size() == 1 && denyOutcomes.size() == 1;
        List<Evidence> evidence = new ArrayList<>();
        evidence.addAll(firstOfEach(grants));
        evidence.addAll(firstOfEach(denies));
        String counts = "grant pair " + grantOutcomes + " over " + grants.size() + " calls, deny pair " + denyOutcomes
                + " over " + denies.size() + " calls";
        return CheckResult.of(Check.CONSISTENCY, ok, ok ? counts : "the same question got different answers: " + counts,
                evidence, ok ? null : evidence.size() > 1 ? evidence.get(1) : evidence.get(0));
    }

    private static Map<String, Long> tally(List<Evidence> exchanges) {
        return exchanges.stream().collect(Collectors.groupingBy(Evidence::outcome, LinkedHashMap::new, Collectors.counting()));
    }

    private static List<Evidence> firstOfEach(List<Evidence> exchanges) {
        Map<String, Evidence> first = new LinkedHashMap<>();
        exchanges.forEach(e -> first.putIfAbsent(e.outcome(), e));
        return new ArrayList<>(first.values());
    }

    CheckResult noRedirects(List<Evidence> all) {
        List<Evidence> redirects = all.stream().filter(e -> Outcome.REDIRECT.name().equals(e.outcome())).toList();
        return CheckResult.of(Check.REDIRECT, redirects.isEmpty(), redirects.isEmpty() ? "none of " + all.size() + " answers was a redirect"
                : redirects.size() + " of " + all.size() + " answers were redirects, e.g. HTTP " + redirects.get(0).status()
                + " to " + redirects.get(0).location() + ": configure the final URL; the caller never follows redirects",
                redirects.isEmpty() ? List.of() : redirects.subList(0, 1), redirects.isEmpty() ? null : redirects.get(0));
    }

    CheckResult bodySize(List<Evidence> all) {
        List<Evidence> large = all.stream().filter(e -> Outcome.BODY_TOO_LARGE.name().equals(e.outcome())).toList();
        int largest = all.stream().filter(e -> e.bodyBytes() != null).mapToInt(Evidence::bodyBytes).max().orElse(0);
        return CheckResult.of(Check.BODY_SIZE, large.isEmpty(), large.isEmpty() ? "largest body " + largest + " bytes (cap "
                + target.maxBodyBytes() + ")" : large.size() + " answers exceeded the " + target.maxBodyBytes()
                + "-byte cap, e.g. " + large.get(0).label() + "; a decision needs well under 1 KiB",
                large.isEmpty() ? List.of() : large.subList(0, 1), large.isEmpty() ? null : large.get(0));
    }
}
