package dev.odksim.conformance;

import java.io.PrintWriter;
import java.util.List;

/**
 * The table the {@code validate} command prints: one line per check, and under each finding its curl line.
 * ANSI colour only when asked for (a terminal, and NO_COLOR unset).
 */
public final class ConsoleReport {

    private static final String RESET = "\u001b[0m";

    private ConsoleReport() {
    }

    public static void print(Report report, PrintWriter out, boolean colour, List<String> files) {
        out.println("odk-sim validate  " + report.url());
        out.println("  grant " + report.grant() + "   deny " + report.deny()
                + (report.headers().isEmpty() ? "" : "   headers " + String.join(", ", report.headers().keySet())));
        out.println();
        int width = report.checks().stream().mapToInt(c -> c.id().length()).max().orElse(10);
        for (CheckResult check : report.checks()) {
            String status = String.format("%-4s", check.status());
            out.println(" " + paint(status, colourOf(check.status()), colour) + "  " + String.format("%-" + width + "s", check.id())
                    + "  " + oneLine(check.message()));
            if ((check.status() == CheckResult.Status.FAIL || check.status() == CheckResult.Status.WARN) && check.curl() != null) {
                out.println(" ".repeat(width + 8) + paint("↳ " + check.curl(), "2", colour));
            }
        }
        out.println();
        Report.Counts counts = report.counts();
        String verdict = report.verdict().name().replace('_', '-');
        out.println(counts.total() + " checks: " + counts.passed() + " passed, " + counts.failed() + " failed, " + counts.warnings()
                + " warnings, " + counts.skipped() + " skipped in " + report.durationMs() + " ms  →  "
                + paint(verdict, report.verdict() == Report.Verdict.CONFORMANT ? "1;32" : "1;31", colour) + " (exit " + report.exitCode() + ")");
        if (!report.headers().isEmpty()) {
            out.println("Secret values are masked in reports and curl lines: put your own in.");
        }
        if (!files.isEmpty()) {
            out.println("Reports: " + String.join(", ", files));
        }
        out.flush();
    }

    private static String colourOf(CheckResult.Status status) {
        return switch (status) {
            case PASS -> "32";
            case FAIL -> "1;31";
            case WARN -> "33";
            case SKIP -> "2";
        };
    }

    private static String paint(String text, String code, boolean colour) {
        return colour ? "\u001b[" + code + "m" + text + RESET : text;
    }

    /** Messages quote what endpoints sent; keep each on one line and free of control characters. */
    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cntrl}&&[^\t]]", " ");
    }
}
