package dev.odksim.load;

import java.util.List;

/**
 * What a load run measured (report.json is this record as JSON). Latency is always measured from the time a call was
 * due by the arrival rate, not from when it was actually sent, so a slow endpoint cannot hide its queue (no
 * coordinated omission). Times in milliseconds.
 *
 * @param sent               calls started (fewer than planned when cancelled)
 * @param completed          calls that came back with any outcome
 * @param answered           calls that got an HTTP answer within the timeout (whatever the answer said)
 * @param sustainedPerSecond answers per second over a window as long as the run, shifted by the median latency
 * @param keptUp             whether the endpoint sustained at least 90% of the offered rate
 * @param timeouts           calls that ended in TIMEOUT (connect or total timeout of {@code timeoutMs})
 * @param peakInFlight       the most calls outstanding at once (the client's cap is {@code maxInFlight})
 */
public record LoadResult(String url, String startedAt, double ratePerSecond, long durationMs, long planned, long sent,
                         long completed, long answered, boolean cancelled, long elapsedMs,
                         Latency latency, double sustainedPerSecond, boolean keptUp, String capacity,
                         List<OutcomeCount> outcomes, long errors, double errorRate,
                         long timeouts, int timeoutMs, int connectTimeoutMs, long peakInFlight, int maxInFlight,
                         List<Interval> intervals, List<Bucket> histogram, Budgets budgets) {

    /** Percentiles over every completed call. */
    public record Latency(double p50, double p90, double p99, double p999, double max, double mean) {
    }

    /** How many calls ended in one outcome of docs/design.md §6.4, with the first reason seen. */
    public record OutcomeCount(String outcome, long count, boolean error, String exampleReason) {
    }

    /** The calls due in one slice of the run: how many, how many failed, and their latency. */
    public record Interval(long startMs, long calls, long errors, double p50, double p99, double max) {
    }

    /** A histogram bar: calls with latency above the previous bar's bound, up to {@code upToMs}. */
    public record Bucket(double upToMs, long count) {
    }

    /** The budgets of the command line (or the admin API) and whether they held. */
    public record Budgets(double maxErrorRate, long maxP99Ms, boolean errorRateHeld, boolean p99Held) {
        public boolean held() {
            return errorRateHeld && p99Held;
        }
    }

    public boolean passed() {
        return budgets.held();
    }
}
