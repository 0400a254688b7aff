package dev.odksim.runs;

import dev.odksim.decision.DecisionCaller;
import dev.odksim.decision.Target;
import jakarta.enterprise.inject.Vetoed;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform's caller, watched by a run: every call counts towards its progress, and once the run is cancelled the
 * next call throws instead of going out, so a validation stops between two calls.
 */
@Vetoed // built by hand per run; not a second DecisionCaller bean (the scope annotation would be inherited)
public final class WatchedCaller extends DecisionCaller {

    private final DecisionCaller inner;
    private final RunService.Control control;
    private final int expectedCalls;
    private final AtomicInteger made = new AtomicInteger();

    public WatchedCaller(DecisionCaller inner, RunService.Control control, int expectedCalls) {
        this.inner = inner;
        this.control = control;
        this.expectedCalls = Math.max(1, expectedCalls);
    }

    @Override
    public Exchange call(Target target, String lockId, String appUserId, String requestId) {
        before();
        Exchange exchange = inner.call(target, lockId, appUserId, requestId);
        after();
        return exchange;
    }

    @Override
    public Exchange callExactUrl(Target target, String url, String requestId) {
        before();
        Exchange exchange = inner.callExactUrl(target, url, requestId);
        after();
        return exchange;
    }

    private void before() {
        if (control.cancelled()) {
            throw new CancellationException("run " + control.runId() + " was cancelled");
        }
    }

    private void after() {
        int n = made.incrementAndGet();
        control.progress(Math.min(0.99, (double) n / expectedCalls), n + " call(s) made");
    }
}
