package dev.odksim.load;

import dev.odksim.conformance.Endpoint.Pair;
import dev.odksim.decision.Target;

import java.util.List;

/**
 * What a load run sends: decision calls to {@code target} (the platform's caller, auth, signing and timeouts) for
 * {@code pairs} in turn, at a fixed arrival rate for a fixed time, and the budgets it is judged against.
 *
 * @param ratePerSecond      the arrival rate: request i is due at start + i / rate, whatever happened to earlier ones
 * @param durationMs         how long requests are sent for
 * @param maxInFlight        the most calls outstanding at once; beyond it calls queue (and their wait counts as latency)
 * @param maxErrorRate       the largest acceptable share of calls that were neither a grant nor a denial (0..1)
 * @param maxP99Ms           the largest acceptable 99th-percentile latency
 * @param maxDurationSeconds the project's maximum key duration, for the rules of docs/design.md §6.4
 */
public record LoadPlan(Target target, List<Pair> pairs, double ratePerSecond, long durationMs, int maxInFlight,
                       double maxErrorRate, long maxP99Ms, long maxDurationSeconds) {

    public static final int DEFAULT_MAX_IN_FLIGHT = 1000;
    public static final double DEFAULT_MAX_ERROR_RATE = 0.01;

    public LoadPlan {
        pairs = List.copyOf(pairs);
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("at least one (lock, user) pair is needed");
        }
    }

    /** How many calls the run sends when nothing cancels it. */
    public long plannedCalls() {
        return Math.max(1, (long) Math.floor(ratePerSecond * durationMs / 1000.0));
    }

    /** Request i: users in turn, and the next lock each time all users had one, so every pair comes up. */
    Pair pair(long i) {
        return pairs.get((int) (i % pairs.size()));
    }
}
