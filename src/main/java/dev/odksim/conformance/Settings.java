package dev.odksim.conformance;

/**
 * How the suite calls and what it tolerates. The defaults match the platform's defaults (DESIGN.md §6.1), so a run
 * with defaults says how the endpoint behaves for a project with default settings.
 *
 * @param repeats           calls of the grant pair for the latency and consistency checks
 * @param p50BudgetMs       largest acceptable median latency
 * @param p99BudgetMs       largest acceptable 99th-percentile latency
 * @param revealSecrets     show header values in reports instead of masking them
 */
public record Settings(int connectTimeoutMs, int timeoutMs, int maxBodyBytes, long defaultDurationSeconds,
                       long maxDurationSeconds, int repeats, long p50BudgetMs, long p99BudgetMs, boolean revealSecrets) {

    public static final int DEFAULT_REPEATS = 20;
    public static final long DEFAULT_P50_MS = 500;
    public static final long DEFAULT_P99_MS = 1500;

    public static Settings defaults() {
        return new Settings(1000, 3000, 65536, 1800, 86400, DEFAULT_REPEATS, DEFAULT_P50_MS, DEFAULT_P99_MS, false);
    }

    public Settings withRepeats(int value) {
        return new Settings(connectTimeoutMs, timeoutMs, maxBodyBytes, defaultDurationSeconds, maxDurationSeconds, value,
                p50BudgetMs, p99BudgetMs, revealSecrets);
    }
}
