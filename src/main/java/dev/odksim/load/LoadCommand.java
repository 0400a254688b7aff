package dev.odksim.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odksim.common.PhoneNumbers;
import dev.odksim.conformance.Endpoint;
import dev.odksim.conformance.Endpoint.Pair;
import dev.odksim.conformance.ValidateCommand;
import dev.odksim.decision.DecisionRequester;
import dev.odksim.decision.DecisionTransport;
import dev.odksim.decision.Target;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code load}: an open-loop load test of a decision endpoint from the command line (docs/api.md), with the platform's
 * own caller and timeouts, for an integrator's CI. Exit 0 when the budgets hold, 1 when not, 3 on bad usage (one
 * line on stderr), 4 on an internal error. Only the main class exits.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        version = DecisionTransport.USER_AGENT,
        description = "Load-tests an On Demand Keys decision endpoint at a fixed arrival rate with the simulator's own caller.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the error-rate and p99 budgets held", "1:a budget was exceeded", "3:bad usage", "4:internal error"})
public class LoadCommand implements Callable<Integer> {

    public static final int BUDGET_EXCEEDED = 1;
    public static final int BAD_USAGE = ValidateCommand.BAD_USAGE;
    public static final int INTERNAL_ERROR = ValidateCommand.INTERNAL_ERROR;
    private static final int MAX_BODY_BYTES = 65536;
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/\\s*(s|sec|second|m|min|minute))?");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The decision endpoint, without a query string.")
    String url;
    @Option(names = "--header", paramLabel = "\"Name: value\"", description = "A header the platform sends (the auth); repeatable.")
    List<String> headers = new ArrayList<>();
    @ArgGroup(exclusive = true, multiplicity = "1")
    Users users;
    @Option(names = "--lock", required = true, paramLabel = "LOCK_ID", description = "A lock id to ask about; repeatable (used in turn).")
    List<String> locks = new ArrayList<>();
    @Option(names = "--rate", required = true, paramLabel = "RATE", description = "Arrival rate: 200/s, 200 (per second) or 600/min.")
    String rate;
    @Option(names = "--duration", required = true, paramLabel = "TIME", description = "How long to send: 60s, 2m, 1500ms.")
    String duration;
    @Option(names = "--report-dir", paramLabel = "DIR", description = "Write report.json and report.html here.")
    Path reportDir;
    @Option(names = "--max-error-rate", defaultValue = "1%", paramLabel = "SHARE",
            description = "Budget: largest share of calls neither granted nor denied, 1% or 0.01 (default ${DEFAULT-VALUE}).")
    String maxErrorRate;
    @Option(names = "--max-p99", defaultValue = "3000ms", paramLabel = "TIME",
            description = "Budget: largest p99 latency, from each call's due time: 500ms or 1s (default ${DEFAULT-VALUE}, the platform's timeout).")
    String maxP99;
    @Option(names = "--timeout-ms", defaultValue = "3000", paramLabel = "MS", description = "Total timeout per call, as the platform's default (default ${DEFAULT-VALUE}).")
    int timeoutMs;
    @Option(names = "--connect-timeout-ms", defaultValue = "1000", paramLabel = "MS", description = "Connect timeout (default ${DEFAULT-VALUE}).")
    int connectTimeoutMs;
    @Option(names = "--max-in-flight", defaultValue = "1000", paramLabel = "N", description = "Most calls outstanding at once (default ${DEFAULT-VALUE}).")
    int maxInFlight;
    @Option(names = "--max-duration-seconds", defaultValue = "86400", paramLabel = "S", description = "The project's maximum key duration (default ${DEFAULT-VALUE}).")
    long maxDurationSeconds;
    @Option(names = "--no-color", description = "No ANSI colour (also off when NO_COLOR is set or stdout is not a terminal).")
    boolean noColor;

    static class Users {
        @Option(names = "--user", required = true, paramLabel = "E164", description = "The phone number (appUserId) to ask for; repeatable.")
        List<String> users;
        @Option(names = "--users", required = true, paramLabel = "FILE", description = "A file of phone numbers, one per line (# comments).")
        Path file;
    }

    private final DecisionRequester caller;
    private final boolean interactive;

    public LoadCommand(DecisionRequester caller, boolean interactive) {
        this.caller = caller;
        this.interactive = interactive;
    }

    /** Runs the command line; what a terminal run and an in-process test share. */
    public static int execute(String[] args, DecisionRequester caller, PrintWriter out, PrintWriter err, boolean interactive) {
        return ValidateCommand.run("load", new LoadCommand(caller, interactive), args, out, err);
    }

    @Override
    public Integer call() {
        LoadPlan plan;
        try {
            Target target = new Target(Endpoint.requireEndpointUrl("--url", url), ValidateCommand.auth(headers), null,
                    connectTimeoutMs, timeoutMs, MAX_BODY_BYTES);
            requireRange("--timeout-ms", timeoutMs, 1, 120_000);
            requireRange("--connect-timeout-ms", connectTimeoutMs, 1, 60_000);
            requireRange("--max-in-flight", maxInFlight, 1, 10_000);
            requireRange("--max-duration-seconds", maxDurationSeconds, 1, 366L * 86400);
            double perSecond = parseRate(rate);
            long durationMs = parseMillis("--duration", duration);
            if (durationMs < 100 || durationMs > 24L * 3600 * 1000) {
                throw new IllegalArgumentException("--duration must be between 100ms and 24h (got '" + duration + "')");
            }
            if (perSecond * durationMs / 1000.0 < 1) {
                throw new IllegalArgumentException("--rate " + rate + " for --duration " + duration + " sends no call at all");
            }
            double errorBudget = parseShare(maxErrorRate);
            long p99Budget = parseMillis("--max-p99", maxP99);
            plan = new LoadPlan(target, pairs(), perSecond, durationMs, maxInFlight, errorBudget, p99Budget, maxDurationSeconds);
            if (reportDir != null) {
                Files.createDirectories(reportDir);
                if (!Files.isWritable(reportDir)) {
                    throw new IllegalArgumentException("--report-dir " + reportDir + " is not writable");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--report-dir " + reportDir + " cannot be created: " + e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "load: %s calls/s for %s s against %s (%d pair(s), timeouts %d/%d ms)%n", LoadHtml.fmt(plan.ratePerSecond()),
                LoadHtml.fmt(plan.durationMs() / 1000.0), plan.target().url(), plan.pairs().size(), connectTimeoutMs, timeoutMs);
        out.flush();
        long[] lastPrinted = {0};
        LoadResult result = new LoadRunner(caller, Instant::now).run(plan, p -> {
            if (interactive) {
                out.print("\r" + p.line() + "   ");
                out.flush();
            } else if (p.elapsedMs() - lastPrinted[0] >= 10_000) {
                lastPrinted[0] = p.elapsedMs();
                out.println(p.line());
                out.flush();
            }
        }, () -> false);
        if (interactive) {
            out.println();
        }
        List<String> files = new ArrayList<>();
        if (reportDir != null) {
            files.add(write("report.json", json(result)));
            files.add(write("report.html", LoadHtml.write(result)));
        }
        summary(result, out, interactive && !noColor && System.getenv("NO_COLOR") == null, files);
        return result.passed() ? 0 : BUDGET_EXCEEDED;
    }

    /** report.json: the result with its verdict. */
    public static String json(LoadResult result) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node = mapper.valueToTree(result);
        node.put("passed", result.passed());
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void summary(LoadResult r, PrintWriter out, boolean colour, List<String> files) {
        String green = colour ? "\u001b[32m" : "";
        String red = colour ? "\u001b[31m" : "";
        String reset = colour ? "\u001b[0m" : "";
        out.printf(Locale.ROOT, "  sent %d, completed %d, answered %d in %.1f s%s%n", r.sent(), r.completed(), r.answered(), r.elapsedMs() / 1000.0,
                r.cancelled() ? " (cancelled)" : "");
        LoadResult.Latency l = r.latency();
        out.printf(Locale.ROOT, "  latency from due time (ms): p50 %s  p90 %s  p99 %s  p99.9 %s  max %s%n", LoadHtml.fmt(l.p50()),
                LoadHtml.fmt(l.p90()), LoadHtml.fmt(l.p99()), LoadHtml.fmt(l.p999()), LoadHtml.fmt(l.max()));
        out.printf(Locale.ROOT, "  throughput: %.1f answers/s sustained at %.1f/s offered%n", r.sustainedPerSecond(), r.ratePerSecond());
        out.println("  outcomes (§6.4):");
        for (LoadResult.OutcomeCount o : r.outcomes()) {
            out.printf(Locale.ROOT, "    %s%-18s%s %8d  %s%n", o.error() ? red : green, o.outcome(), reset, o.count(),
                    o.exampleReason() == null ? "" : o.exampleReason());
        }
        out.printf(Locale.ROOT, "  timeouts: %d of %d (connect %d ms, total %d ms)%n", r.timeouts(), r.completed(), r.connectTimeoutMs(), r.timeoutMs());
        out.println("  " + r.capacity());
        LoadResult.Budgets b = r.budgets();
        out.printf(Locale.ROOT, "%s%s%s: error rate %s (budget %s) %s, p99 %s ms (budget %d ms) %s%n", r.passed() ? green : red,
                r.passed() ? "PASS" : "FAIL", reset, LoadHtml.pct(r.errorRate()), LoadHtml.pct(b.maxErrorRate()), b.errorRateHeld() ? "held" : "EXCEEDED",
                LoadHtml.fmt(l.p99()), b.maxP99Ms(), b.p99Held() ? "held" : "EXCEEDED");
        files.forEach(f -> out.println("  wrote " + f));
        out.flush();
    }

    private List<Pair> pairs() {
        List<String> phones = new ArrayList<>();
        if (users.file != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(users.file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("--users " + users.file + " cannot be read: " + e.getMessage());
            }
            int n = 0;
            for (String line : lines) {
                n++;
                String value = line.strip();
                if (!value.isEmpty() && !value.startsWith("#")) {
                    int lineNo = n;
                    phones.add(PhoneNumbers.normalise(value).orElseThrow(() -> new IllegalArgumentException(
                            "--users " + users.file + " line " + lineNo + ": '" + value + "' is not an E.164 phone number")));
                }
            }
            if (phones.isEmpty()) {
                throw new IllegalArgumentException("--users " + users.file + " holds no phone number");
            }
        } else {
            for (String user : users.users) {
                phones.add(PhoneNumbers.normalise(user).orElseThrow(() -> new IllegalArgumentException(
                        "--user '" + user + "' is not an E.164 phone number (e.g. +4712345678)")));
            }
        }
        for (String lock : locks) {
            if (lock.isBlank() || lock.length() > 128) {
                throw new IllegalArgumentException("--lock must be a lock id of 1 to 128 characters");
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (String lock : locks) {
            for (String phone : phones) {
                pairs.add(new Pair(lock, phone));
            }
        }
        return pairs;
    }

    static double parseRate(String raw) {
        Matcher m = raw == null ? null : RATE.matcher(raw.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("--rate must be calls per second or minute, e.g. 200/s or 600/min (got '" + raw + "')");
        }
        double value = Double.parseDouble(m.group(1));
        double perSecond = m.group(2) != null && m.group(2).startsWith("m") ? value / 60 : value;
        if (perSecond <= 0 || perSecond > 10_000) {
            throw new IllegalArgumentException("--rate must be above 0 and at most 10000/s (got '" + raw + "')");
        }
        return perSecond;
    }

    static long parseMillis(String option, String raw) {
        Matcher m = raw == null ? null : DURATION.matcher(raw.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(option + " must be a time such as 500ms, 60s, 2m or 1h (got '" + raw + "')");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? (option.equals("--max-p99") ? "ms" : "s") : m.group(2);
        double ms = switch (unit) {
            case "ms" -> value;
            case "s" -> value * 1000;
            case "m", "min" -> value * 60_000;
            default -> value * 3_600_000;
        };
        if (ms < 1) {
            throw new IllegalArgumentException(option + " must be at least 1ms (got '" + raw + "')");
        }
        return Math.round(ms);
    }

    static double parseShare(String raw) {
        String value = raw == null ? "" : raw.strip();
        try {
            double share = value.endsWith("%") ? Double.parseDouble(value.substring(0, value.length() - 1).strip()) / 100 : Double.parseDouble(value);
            if (share < 0 || share > 1 || Double.isNaN(share)) {
                throw new NumberFormatException();
            }
            return share;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-error-rate must be a share between 0 and 1 or a percentage, e.g. 0.01 or 1% (got '" + raw + "')");
        }
    }

    private void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + " (got " + value + ")");
        }
    }

    private String write(String name, String content) {
        Path file = reportDir.resolve(name);
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file.toString();
    }
}
