package dev.odksim.conformance;

import dev.odksim.decision.CallerAuth;
import dev.odksim.decision.DecisionRequester;
import dev.odksim.decision.DecisionTransport;
import dev.odksim.decision.Target;
import picocli.CommandLine;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code validate}: the conformance suite from the command line (docs/api.md), for an integrator's CI. Returns the exit
 * code; only the main class exits. Bad usage is one line on stderr and exit 3.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        version = DecisionTransport.USER_AGENT,
        description = "Validates an On Demand Keys decision endpoint with the simulator's own caller (docs/design.md §10).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:conformant (warnings allowed)", "1:non-conformant: at least one check failed",
                "2:unreachable: no HTTP answer at all", "3:bad usage", "4:internal error of the validator"})
public class ValidateCommand implements Callable<Integer> {

    public static final int BAD_USAGE = 3;
    public static final int INTERNAL_ERROR = 4;
    /** The platform's default body cap ({@code odk.decision.max-body-bytes}). */
    static final int MAX_BODY_BYTES = 65536;
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,200}");

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The decision endpoint, without a query string.")
    String url;
    @Option(names = "--header", paramLabel = "\"Name: value\"", description = "A header the platform sends (the auth); repeatable.")
    List<String> headers = new ArrayList<>();
    @Option(names = "--grant", required = true, paramLabel = "LOCK_ID:E164", description = "A lock and phone number the endpoint grants now.")
    String grant;
    @Option(names = "--deny", required = true, paramLabel = "LOCK_ID:E164", description = "A lock and phone number the endpoint denies now.")
    String deny;
    @Option(names = "--report-dir", paramLabel = "DIR", description = "Write report.json, junit.xml and report.html here.")
    Path reportDir;
    @Option(names = "--repeats", defaultValue = "20", paramLabel = "N", description = "Calls of the grant pair for latency and consistency (default ${DEFAULT-VALUE}).")
    int repeats;
    @Option(names = "--p50-budget-ms", defaultValue = "500", paramLabel = "MS", description = "Median latency budget (default ${DEFAULT-VALUE}).")
    long p50BudgetMs;
    @Option(names = "--p99-budget-ms", defaultValue = "1500", paramLabel = "MS", description = "99th-percentile latency budget (default ${DEFAULT-VALUE}).")
    long p99BudgetMs;
    @Option(names = "--timeout-ms", defaultValue = "3000", paramLabel = "MS", description = "Total timeout per call, as the platform's default (default ${DEFAULT-VALUE}).")
    int timeoutMs;
    @Option(names = "--connect-timeout-ms", defaultValue = "1000", paramLabel = "MS", description = "Connect timeout (default ${DEFAULT-VALUE}).")
    int connectTimeoutMs;
    @Option(names = "--max-duration-seconds", defaultValue = "86400", paramLabel = "S", description = "The project's maximum key duration (default ${DEFAULT-VALUE}).")
    long maxDurationSeconds;
    @Option(names = "--no-color", description = "No ANSI colour (also off when NO_COLOR is set or stdout is not a terminal).")
    boolean noColor;

    private final DecisionRequester caller;
    private final boolean colourAllowed;

    public ValidateCommand(DecisionRequester caller, boolean colourAllowed) {
        this.caller = caller;
        this.colourAllowed = colourAllowed;
    }

    /** Runs the command line; what a terminal run and an in-process test share. */
    public static int execute(String[] args, DecisionRequester caller, PrintWriter out, PrintWriter err, boolean colourAllowed) {
        return run("validate", new ValidateCommand(caller, colourAllowed), args, out, err);
    }

    /**
     * Runs a picocli command of the jar ({@code validate}, {@code load}) the same way: a usage error is one line on
     * {@code err} and {@link #BAD_USAGE}, an unexpected failure one line and {@link #INTERNAL_ERROR}.
     */
    public static int run(String name, Object command, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(command);
        line.setOut(out);
        line.setErr(err);
        line.setParameterExceptionHandler((e, ignored) -> {
            err.println(name + ": " + e.getMessage().replaceAll("\\s+", " ").strip() + " (try: " + name + " --help)");
            err.flush();
            return BAD_USAGE;
        });
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println(name + ": internal error: " + e);
            err.flush();
            return INTERNAL_ERROR;
        });
        int code = line.execute(args);
        out.flush();
        return code;
    }

    @Override
    public Integer call() {
        Endpoint target;
        try {
            CallerAuth auth = auth(headers);
            target = new Endpoint(new Target(Endpoint.requireEndpointUrl("--url", url), auth, null, connectTimeoutMs, timeoutMs,
                    MAX_BODY_BYTES), pair("--grant", grant), pair("--deny", deny));
            if (target.grant().equals(target.deny())) {
                throw new IllegalArgumentException("--grant and --deny are the same pair; the deny pair must be one the endpoint denies");
            }
            requireRange("--repeats", repeats, 1, 1000);
            requireRange("--timeout-ms", timeoutMs, 1, 120_000);
            requireRange("--connect-timeout-ms", connectTimeoutMs, 1, 60_000);
            requireRange("--p50-budget-ms", p50BudgetMs, 1, 120_000);
            requireRange("--p99-budget-ms", p99BudgetMs, 1, 120_000);
            requireRange("--max-duration-seconds", maxDurationSeconds, 1, 366L * 86400);
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
        Settings settings = new Settings(Settings.defaults().defaultDurationSeconds(), maxDurationSeconds, repeats, p50BudgetMs, p99BudgetMs);
        Report report = new ConformanceSuite(caller, Instant::now).run(target, settings);
        List<String> files = new ArrayList<>();
        if (reportDir != null) {
            files.add(write("report.json", ReportJson.write(report)));
            files.add(write("junit.xml", JunitReport.write(report)));
            files.add(write("report.html", HtmlReport.write(report)));
        }
        ConsoleReport.print(report, spec.commandLine().getOut(), colourAllowed && !noColor, files);
        return report.exitCode();
    }

    /**
     * The auth of {@code --header "Name: value"} options (validate and load): none, one API header or several.
     *
     * @throws IllegalArgumentException naming the problem, never echoing the value (it is usually the secret)
     */
    public static CallerAuth auth(List<String> headers) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String header : headers) {
            int colon = header.indexOf(':');
            String name = colon < 0 ? "" : header.substring(0, colon).strip();
            String value = colon < 0 ? "" : header.substring(colon + 1).strip();
            if (!HEADER_NAME.matcher(name).matches() || value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                // Not echoed: the argument is the auth, so it may well hold the secret (e.g. "X-Api-Key=secret").
                throw new IllegalArgumentException("--header must be \"Name: value\" with a token name and a non-empty value (got "
                        + (colon < 0 ? "no colon" : "name '" + name + "'") + "; the argument is not shown as it may hold a secret)");
            }
            parsed.put(name, value);
        }
        return parsed.isEmpty() ? new CallerAuth.None() : parsed.size() == 1
                ? new CallerAuth.ApiHeader(parsed.keySet().iterator().next(), parsed.values().iterator().next())
                : new CallerAuth.ApiHeaders(parsed);
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

    private static Endpoint.Pair pair(String option, String raw) {
        try {
            return Endpoint.Pair.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    private void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + " (got " + value + ")");
        }
    }
}
