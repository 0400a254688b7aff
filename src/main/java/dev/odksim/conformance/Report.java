package dev.odksim.conformance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A whole validation run: what was validated (secrets masked), with which settings, every check's finding and the
 * verdict. This is report.json; the other reports are views of it.
 */
public record Report(String tool, String url, Map<String, String> headers, String grant, String deny, Settings settings,
                     Instant startedAt, long durationMs, Verdict verdict, int exitCode, Counts counts,
                     List<CheckResult> checks) {

    /** The verdict and the command's exit code for it (docs/api.md). */
    public enum Verdict {
        CONFORMANT(0), NON_CONFORMANT(1), UNREACHABLE(2);

        private final int exitCode;

        Verdict(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    public record Counts(int total, int passed, int failed, int warnings, int skipped) {
        static Counts of(List<CheckResult> checks) {
            return new Counts(checks.size(), count(checks, CheckResult.Status.PASS), count(checks, CheckResult.Status.FAIL),
                    count(checks, CheckResult.Status.WARN), count(checks, CheckResult.Status.SKIP));
        }

        private static int count(List<CheckResult> checks, CheckResult.Status status) {
            return (int) checks.stream().filter(c -> c.status() == status).count();
        }
    }
}
