package dev.odksim.load;

/**
 * A load run as it goes, for the console's progress line and the admin API's run status.
 *
 * @param latestP99Ms the 99th percentile of the calls completed in the last full second (0 before there is one)
 */
public record LoadProgress(long elapsedMs, long durationMs, long planned, long sent, long completed, long inFlight,
                           long errors, double latestP99Ms) {

    /** 0..1 of the sending window passed (the drain of the last calls follows). */
    public double fraction() {
        return durationMs == 0 ? 1 : Math.min(1.0, (double) elapsedMs / durationMs);
    }

    public String line() {
        return String.format(java.util.Locale.ROOT, "%3.0f%%  %ds/%ds  sent %d/%d  done %d  in flight %d  errors %d  p99 (last s) %.0f ms",
                fraction() * 100, elapsedMs / 1000, durationMs / 1000, sent, planned, completed, inFlight, errors, latestP99Ms);
    }
}
