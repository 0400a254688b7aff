package dev.odksim.conformance;

import dev.odksim.conformance.Check.Severity;

import java.util.List;

/**
 * The finding of one check: its status, a one-line message saying what was seen (and, when it is a finding, what to
 * change), the evidence, and the curl line that reproduces the most telling request.
 */
public record CheckResult(String id, String title, Severity severity, Status status, String message, String curl,
                          long durationMs, List<Evidence> evidence) {

    /** PASS; FAIL or WARN (a finding, by the check's severity); SKIP (not applicable or not run, with the reason). */
    public enum Status {
        PASS, FAIL, WARN, SKIP
    }

    public CheckResult {
        evidence = List.copyOf(evidence);
    }

    /** A finding when {@code ok} is false; its curl line is the culprit's, else the first evidence's. */
    static CheckResult of(Check check, boolean ok, String message, List<Evidence> evidence, Evidence culprit) {
        Status status = ok ? Status.PASS : check.severity() == Severity.FAIL ? Status.FAIL : Status.WARN;
        Evidence shown = culprit != null ? culprit : evidence.isEmpty() ? null : evidence.get(0);
        return new CheckResult(check.id(), check.title(), check.severity(), status, message,
                shown == null ? null : shown.curl(), 0, evidence);
    }

    static CheckResult skip(Check check, String why) {
        return new CheckResult(check.id(), check.title(), check.severity(), Status.SKIP, why, null, 0, List.of());
    }

    CheckResult took(long millis) {
        return new CheckResult(id, title, severity, status, message, curl, millis, evidence);
    }
}
