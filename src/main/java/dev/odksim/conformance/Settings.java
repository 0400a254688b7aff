package dev.odksim.conformance;

/**
 * What the suite tolerates and how often it repeats. The defaults match the platform's defaults (docs/design.md §6.1).
 *
 * @param repeats     calls of the grant pair for the latency and consistency checks
 * @param p50BudgetMs largest acceptable median latency
 * @param p99BudgetMs largest acceptable 99th-percentile latency
 */
public record Settings(long defaultDurationSeconds, long maxDurationSeconds, int repeats, long p50BudgetMs, long p99BudgetMs) {

    public static final int DEFAULT_REPEATS = 20;
    public static final long DEFAULT_P50_MS = 500;
    public static final long DEFAULT_P99_MS = 1500;

    public static Settings defaults() {
        return new Settings(1800, 86400, DEFAULT_REPEATS, DEFAULT_P50_MS, DEFAULT_P99_MS);
    }

    public Settings withRepeats(int value) {
        return new Settings(defaultDurationSeconds, maxDurationSeconds, value, p50BudgetMs, p99BudgetMs);
    }
}
