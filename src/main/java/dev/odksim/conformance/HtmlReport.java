package dev.odksim.conformance;

import java.util.Locale;

/**
 * report.html: one self-contained page (inline CSS, no scripts, no external assets) that can be attached to a CI
 * run or mailed to an integrator. Written by hand with escaping rather than through a template engine, because it
 * must work in the {@code validate} command, where no Quarkus (and so no configured Qute engine) runs.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d1d1f}
            h1{font-size:1.4rem;margin:0 0 .3rem}.meta{color:#555;margin:0 0 1rem}code,pre{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
            .verdict{display:inline-block;padding:.3rem .7rem;border-radius:.4rem;font-weight:600;color:#fff}
            .CONFORMANT{background:#1a7f37}.NON_CONFORMANT{background:#cf222e}.UNREACHABLE{background:#9a6700}
            table{border-collapse:collapse;width:100%;margin-top:1rem}th,td{text-align:left;vertical-align:top;padding:.45rem .5rem;border-bottom:1px solid #ddd}
            .st{font-weight:700;white-space:nowrap}.PASS{color:#1a7f37}.FAIL{color:#cf222e}.WARN{color:#9a6700}.SKIP{color:#777}
            details{margin-top:.3rem}summary{cursor:pointer;color:#0969da}pre{background:#f6f8fa;padding:.5rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
            """;

    private HtmlReport() {
    }

    public static String write(Report report) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>Endpoint validation: ").append(esc(report.verdict().name())).append(" — ").append(esc(report.url()))
                .append("</title><style>").append(STYLE).append("</style></head><body>")
                .append("<h1>Decision endpoint validation</h1><p class=\"meta\"><code>").append(esc(report.url())).append("</code><br>")
                .append("grant <code>").append(esc(report.grant())).append("</code> · deny <code>").append(esc(report.deny()))
                .append("</code>");
        report.headers().forEach((name, value) -> html.append(" · header <code>").append(esc(name)).append(": ").append(esc(value)).append("</code>"));
        html.append("<br>").append(esc(report.startedAt().toString())).append(" · ").append(report.durationMs()).append(" ms</p>")
                .append("<p><span class=\"verdict ").append(report.verdict().name()).append("\">").append(report.verdict().name().replace('_', '-'))
                .append(" (exit ").append(report.exitCode()).append(")</span> ")
                .append(report.counts().passed()).append(" passed · ").append(report.counts().failed()).append(" failed · ")
                .append(report.counts().warnings()).append(" warnings · ").append(report.counts().skipped()).append(" skipped</p>")
                .append("<table><thead><tr><th>Status</th><th>Check</th><th>Finding</th></tr></thead><tbody>");
        for (CheckResult check : report.checks()) {
            html.append("<tr id=\"").append(esc(check.id())).append("\"><td class=\"st ").append(check.status()).append("\">")
                    .append(check.status()).append("</td><td><code>").append(esc(check.id())).append("</code><br>")
                    .append(esc(check.title())).append(" <small>(").append(check.severity().name().toLowerCase(Locale.ROOT))
                    .append(")</small></td><td>").append(esc(check.message()));
            if (check.curl() != null) {
                html.append("<pre>").append(esc(check.curl())).append("</pre>");
            }
            if (!check.evidence().isEmpty()) {
                html.append("<details><summary>Evidence (").append(check.evidence().size()).append(")</summary>");
                for (Evidence e : check.evidence()) {
                    html.append("<pre>").append(esc(evidence(e))).append("</pre>");
                }
                html.append("</details>");
            }
            html.append("</td></tr>");
        }
        html.append("</tbody></table>");
        if (!report.headers().isEmpty()) {
            html.append("<p class=\"meta\">Secret values are masked in this report and its curl lines: put your own in.</p>");
        }
        return html.append("</body></html>\n").toString();
    }

    static String evidence(Evidence e) {
        StringBuilder text = new StringBuilder();
        text.append(e.label()).append("\n").append(e.method()).append(' ').append(e.url()).append('\n');
        e.requestHeaders().forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        text.append("\n→ ").append(e.summary()).append('\n');
        if (e.location() != null) {
            text.append("Location: ").append(e.location()).append('\n');
        }
        if (e.body() != null) {
            text.append(e.bodyBytes()).append(" bytes: ").append(e.body()).append('\n');
        }
        return text.toString();
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\u0000' -> out.append('\uFFFD');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
