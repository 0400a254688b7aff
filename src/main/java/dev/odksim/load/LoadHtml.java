package dev.odksim.load;

import java.util.List;
import java.util.Locale;

/**
 * report.html of a load run: one self-contained page (inline CSS and SVG, no script, no external asset) with the
 * verdict, the figures, a latency-over-time chart (p50, p99 and max of the calls due in each slice) and a latency
 * histogram.
 */
public final class LoadHtml {

    private static final int W = 760;
    private static final int H = 260;
    private static final int PAD_L = 56;
    private static final int PAD_B = 34;
    private static final int PAD_T = 14;
    private static final int PAD_R = 14;

    private LoadHtml() {
    }

    public static String write(LoadResult r) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>odk-sim load report</title>\n<style>")
                .append("body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d2330;max-width:820px}")
                .append("table{border-collapse:collapse;margin:8px 0 18px}td,th{border:1px solid #d5d9e0;padding:4px 10px;text-align:left}")
                .append("th{background:#f2f4f7}.pass{color:#137333}.fail{color:#b3261e}.num{text-align:right}")
                .append("svg{background:#fafbfc;border:1px solid #d5d9e0}.legend span{margin-right:14px}")
                .append("</style></head><body>\n");
        html.append("<h1>Load run against ").append(esc(r.url())).append("</h1>\n");
        html.append("<p class=\"").append(r.passed() ? "pass" : "fail").append("\"><strong>")
                .append(r.passed() ? "Budgets held" : "Budgets not held").append("</strong>: error rate ")
                .append(pct(r.errorRate())).append(" (budget ").append(pct(r.budgets().maxErrorRate())).append("), p99 ")
                .append(fmt(r.latency().p99())).append(" ms (budget ").append(r.budgets().maxP99Ms()).append(" ms)")
                .append(r.cancelled() ? "; the run was cancelled" : "").append(".</p>\n");
        html.append("<p>").append(esc(r.capacity())).append("</p>\n");
        html.append("<table><tr><th>started</th><td>").append(esc(r.startedAt())).append("</td></tr>")
                .append(row("offered rate", fmt(r.ratePerSecond()) + " calls/s for " + fmt(r.durationMs() / 1000.0) + " s"))
                .append(row("sent / completed / answered", r.sent() + " / " + r.completed() + " / " + r.answered()))
                .append(row("sustained", fmt(r.sustainedPerSecond()) + " answers/s"))
                .append(row("timeouts", r.timeouts() + " (connect " + r.connectTimeoutMs() + " ms, total " + r.timeoutMs() + " ms)"))
                .append(row("peak in flight", r.peakInFlight() + " (cap " + r.maxInFlight() + ")"))
                .append("</table>\n");
        html.append("<h2>Latency (ms, from each call's due time)</h2>\n<table><tr><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th><th>mean</th></tr><tr>");
        LoadResult.Latency l = r.latency();
        for (double v : new double[]{l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.mean()}) {
            html.append("<td class=\"num\">").append(fmt(v)).append("</td>");
        }
        html.append("</tr></table>\n<h2>Outcomes (docs/design.md §6.4)</h2>\n<table><tr><th>outcome</th><th>calls</th><th>first reason</th></tr>");
        for (LoadResult.OutcomeCount o : r.outcomes()) {
            html.append("<tr><td class=\"").append(o.error() ? "fail" : "pass").append("\">").append(esc(o.outcome())).append("</td><td class=\"num\">")
                    .append(o.count()).append("</td><td>").append(esc(o.exampleReason() == null ? "" : o.exampleReason())).append("</td></tr>");
        }
        html.append("</table>\n<h2>Latency over time</h2>\n").append(overTime(r.intervals()))
                .append("<p class=\"legend\"><span style=\"color:#1a73e8\">&#9632; p50</span><span style=\"color:#e8710a\">&#9632; p99</span>")
                .append("<span style=\"color:#b3261e\">&#9632; max</span> per slice of due time</p>\n");
        html.append("<h2>Latency histogram</h2>\n").append(histogram(r.histogram()));
        html.append("\n</body></html>\n");
        return html.toString();
    }

    private static String overTime(List<LoadResult.Interval> intervals) {
        double maxY = intervals.stream().mapToDouble(LoadResult.Interval::max).max().orElse(0);
        maxY = niceCeil(Math.max(1, maxY));
        double maxX = Math.max(1, intervals.isEmpty() ? 1 : intervals.get(intervals.size() - 1).startMs() / 1000.0);
        StringBuilder svg = svgStart("Latency over time");
        axes(svg, maxY, "ms", 0, maxX, "s");
        String[] colours = {"#1a73e8", "#e8710a", "#b3261e"};
        for (int series = 0; series < 3; series++) {
            StringBuilder points = new StringBuilder();
            for (LoadResult.Interval i : intervals) {
                if (i.calls() == 0) {
                    continue;
                }
                double v = series == 0 ? i.p50() : series == 1 ? i.p99() : i.max();
                points.append(fmt(x(i.startMs() / 1000.0, maxX))).append(',').append(fmt(y(v, maxY))).append(' ');
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colours[series]).append("\" points=\"")
                    .append(points.toString().strip()).append("\"/>");
        }
        return svg.append("</svg>\n").toString();
    }

    private static String histogram(List<LoadResult.Bucket> buckets) {
        long maxCount = buckets.stream().mapToLong(LoadResult.Bucket::count).max().orElse(0);
        StringBuilder svg = svgStart("Latency histogram");
        axes(svg, Math.max(1, maxCount), "calls", 0, 0, "ms (upper bound, log scale)");
        int n = Math.max(1, buckets.size());
        double width = (W - PAD_L - PAD_R) / (double) n;
        for (int i = 0; i < buckets.size(); i++) {
            LoadResult.Bucket b = buckets.get(i);
            double top = y(b.count(), Math.max(1, maxCount));
            svg.append("<rect fill=\"#1a73e8\" x=\"").append(fmt(PAD_L + i * width + 1)).append("\" y=\"").append(fmt(top))
                    .append("\" width=\"").append(fmt(Math.max(1, width - 2))).append("\" height=\"").append(fmt(H - PAD_B - top))
                    .append("\"><title>&#8804; ").append(fmt(b.upToMs())).append(" ms: ").append(b.count()).append(" calls</title></rect>");
            if (i % Math.max(1, n / 8) == 0) {
                svg.append("<text font-size=\"10\" text-anchor=\"middle\" x=\"").append(fmt(PAD_L + (i + 0.5) * width)).append("\" y=\"")
                        .append(H - PAD_B + 13).append("\">").append(fmt(b.upToMs())).append("</text>");
            }
        }
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder svgStart(String title) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\"><title>").append(esc(title)).append("</title>");
    }

    /** The frame, y ticks (0, half, top) and x ticks when {@code maxX} is set. */
    private static void axes(StringBuilder svg, double maxY, String yUnit, double minX, double maxX, String xUnit) {
        svg.append("<line stroke=\"#888\" x1=\"").append(PAD_L).append("\" y1=\"").append(PAD_T).append("\" x2=\"").append(PAD_L)
                .append("\" y2=\"").append(H - PAD_B).append("\"/><line stroke=\"#888\" x1=\"").append(PAD_L).append("\" y1=\"")
                .append(H - PAD_B).append("\" x2=\"").append(W - PAD_R).append("\" y2=\"").append(H - PAD_B).append("\"/>");
        for (double f : new double[]{0, 0.5, 1}) {
            svg.append("<text font-size=\"10\" text-anchor=\"end\" x=\"").append(PAD_L - 4).append("\" y=\"").append(fmt(y(maxY * f, maxY) + 3))
                    .append("\">").append(fmt(maxY * f)).append("</text>");
        }
        svg.append("<text font-size=\"10\" x=\"4\" y=\"").append(PAD_T - 2).append("\">").append(esc(yUnit)).append("</text>")
                .append("<text font-size=\"10\" text-anchor=\"end\" x=\"").append(W - PAD_R).append("\" y=\"").append(H - 4).append("\">")
                .append(esc(xUnit)).append("</text>");
        if (maxX > 0) {
            for (double f : new double[]{0, 0.25, 0.5, 0.75, 1}) {
                svg.append("<text font-size=\"10\" text-anchor=\"middle\" x=\"").append(fmt(x(minX + (maxX - minX) * f, maxX))).append("\" y=\"")
                        .append(H - PAD_B + 13).append("\">").append(fmt(minX + (maxX - minX) * f)).append("</text>");
            }
        }
    }

    private static double x(double value, double maxX) {
        return PAD_L + (W - PAD_L - PAD_R) * (value / maxX);
    }

    private static double y(double value, double maxY) {
        return H - PAD_B - (H - PAD_B - PAD_T) * Math.min(1, value / maxY);
    }

    private static double niceCeil(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[]{1, 2, 5, 10}) {
            if (v <= step * magnitude) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String row(String name, String value) {
        return "<tr><th>" + esc(name) + "</th><td>" + esc(value) + "</td></tr>";
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.2f%%", share * 100);
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
