package dev.odksim.load;

import dev.odksim.common.Ids;
import dev.odksim.conformance.Endpoint.Pair;
import dev.odksim.conformance.Settings;
import dev.odksim.decision.DecisionCaller;
import dev.odksim.decision.DecisionCaller.Exchange;
import dev.odksim.decision.DecisionClient.Failure;
import dev.odksim.decision.DecisionClient.Response;
import dev.odksim.decision.Outcome;
import dev.odksim.decision.ResponseRules;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a {@link LoadPlan}: an open-loop load at a fixed arrival rate of real decision calls through the platform's own
 * {@link DecisionCaller}, every answer judged by the rules of docs/design.md §6.4. One scheduler thread hands each call
 * to a worker at its due time and never waits for an answer; latency counts from the due time, so a queue (in the
 * endpoint, or in this client when {@code maxInFlight} is reached) shows up in the figures instead of slowing the
 * arrival rate down. Used by the {@code load} command and by the admin API's load runs.
 */
public final class LoadRunner {

    private static final long MS = 1_000_000L;
    private static final long SLOT_NS = 100 * MS;
    private static final int MAX_INTERVALS = 120;

    private final DecisionCaller caller;
    private final Supplier<Instant> clock;

    public LoadRunner(DecisionCaller caller, Supplier<Instant> clock) {
        this.caller = caller;
        this.clock = clock;
    }

    /**
     * @param progress  told about once a second, from the scheduler thread
     * @param cancelled polled while running; when it turns true no further call starts and calls in flight are abandoned
     */
    public LoadResult run(LoadPlan plan, Consumer<LoadProgress> progress, BooleanSupplier cancelled) {
        return new Run(plan, progress, cancelled).execute();
    }

    private final class Run {
        final LoadPlan plan;
        final Consumer<LoadProgress> progress;
        final BooleanSupplier cancelled;
        final long planned;
        final long intervalNs;
        final ConcurrentHistogram all = new ConcurrentHistogram(3_600_000_000L, 3);
        final Histogram[] intervals;
        final long[] intervalErrors;
        final AtomicLongArray answersBySlot;
        final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);
        final Map<Outcome, String> reasons = new ConcurrentHashMap<>();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong completed = new AtomicLong();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peakInFlight = new AtomicInteger();
        volatile boolean stopping;
        Histogram lastSecond = new Histogram(3_600_000_000L, 2);
        long start;

        Run(LoadPlan plan, Consumer<LoadProgress> progress, BooleanSupplier cancelled) {
            this.plan = plan;
            this.progress = progress;
            this.cancelled = cancelled;
            this.planned = plan.plannedCalls();
            long durationNs = Math.max(1, plan.durationMs()) * MS;
            this.intervalNs = Math.max(1000 * MS, (durationNs + MAX_INTERVALS - 1) / MAX_INTERVALS);
            int count = (int) ((durationNs + intervalNs - 1) / intervalNs);
            this.intervals = new Histogram[count];
            this.intervalErrors = new long[count];
            for (int i = 0; i < count; i++) {
                intervals[i] = new Histogram(3_600_000_000L, 2);
            }
            long drainNs = (2L * plan.target().timeoutMs() + plan.target().connectTimeoutMs() + 5000) * MS;
            this.answersBySlot = new AtomicLongArray((int) ((durationNs + drainNs) / SLOT_NS) + 2);
            for (Outcome outcome : Outcome.values()) {
                outcomes.put(outcome, new LongAdder());
            }
        }

        LoadResult execute() {
            String startedAt = clock.get().toString();
            ThreadPoolExecutor workers = new ThreadPoolExecutor(plan.maxInFlight(), plan.maxInFlight(), 5, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "odk-load-" + Ids.shortId(6));
                        t.setDaemon(true);
                        return t;
                    });
            workers.allowCoreThreadTimeOut(true);
            start = System.nanoTime();
            double periodNs = 1e9 / plan.ratePerSecond();
            long nextProgress = start + 1000 * MS;
            boolean wasCancelled = false;
            for (long i = 0; i < planned; i++) {
                long due = start + (long) (i * periodNs);
                while (true) {
                    long now = System.nanoTime();
                    if (now >= nextProgress) {
                        report(now);
                        nextProgress += 1000 * MS;
                    }
                    if (cancelled.getAsBoolean()) {
                        wasCancelled = true;
                        break;
                    }
                    if (now >= due) {
                        break;
                    }
                    LockSupport.parkNanos(Math.min(due, nextProgress) - now);
                }
                if (wasCancelled) {
                    break;
                }
                long index = i;
                sent.incrementAndGet();
                workers.execute(() -> call(index, due));
            }
            workers.shutdown();
            long drainDeadline = System.nanoTime() + (2L * plan.target().timeoutMs() + plan.target().connectTimeoutMs() + 5000) * MS;
            try {
                while (!wasCancelled && !workers.awaitTermination(200, TimeUnit.MILLISECONDS)) {
                    long now = System.nanoTime();
                    if (now >= nextProgress) {
                        report(now);
                        nextProgress += 1000 * MS;
                    }
                    if (cancelled.getAsBoolean()) {
                        wasCancelled = true;
                    } else if (now > drainDeadline) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                wasCancelled = true;
            }
            stopping = true;
            workers.shutdownNow();
            long elapsedMs = (System.nanoTime() - start) / MS;
            report(System.nanoTime());
            return result(startedAt, wasCancelled, elapsedMs);
        }

        private void call(long index, long due) {
            if (stopping) {
                return;
            }
            int now = inFlight.incrementAndGet();
            peakInFlight.accumulateAndGet(now, Math::max);
            Outcome outcome;
            String reason;
            boolean gotAnswer;
            try {
                Pair pair = plan.pair(index);
                Exchange exchange = caller.call(plan.target(), pair.lockId(), pair.appUserId(), Ids.uuid());
                if (exchange.reply() instanceof Response response) {
                    var result = ResponseRules.judge(new ResponseRules.Request(pair.lockId(), pair.appUserId(), clock.get(),
                                    Settings.defaults().defaultDurationSeconds(), plan.maxDurationSeconds()),
                            response.status(), response.contentType(), response.location(), response.body());
                    outcome = result.outcome();
                    reason = result.reason();
                    gotAnswer = true;
                } else {
                    Failure failure = (Failure) exchange.reply();
                    outcome = failure.failure().outcome();
                    reason = failure.failure().reason();
                    gotAnswer = false;
                }
            } catch (RuntimeException e) {
                outcome = Outcome.CONNECT_ERROR;
                reason = "the call failed: " + e;
                gotAnswer = false;
            } finally {
                inFlight.decrementAndGet();
            }
            if (stopping) {
                return;
            }
            long end = System.nanoTime();
            long micros = Math.max(1, (end - due) / 1000);
            boolean error = outcome != Outcome.GRANTED && outcome != Outcome.DENIED;
            all.recordValue(Math.min(micros, all.getHighestTrackableValue()));
            int slice = (int) Math.min(intervals.length - 1, Math.max(0, (due - start) / intervalNs));
            synchronized (intervals[slice]) {
                intervals[slice].recordValue(Math.min(micros, 3_600_000_000L));
                if (error) {
                    intervalErrors[slice]++;
                }
            }
            synchronized (this) {
                lastSecond.recordValue(Math.min(micros, 3_600_000_000L));
            }
            outcomes.get(outcome).increment();
            if (reason != null) {
                reasons.putIfAbsent(outcome, reason.length() > 300 ? reason.substring(0, 299) + "…" : reason);
            }
            if (error) {
                errors.incrementAndGet();
            }
            if (gotAnswer) {
                answered.incrementAndGet();
                int slot = (int) Math.min(answersBySlot.length() - 1, (end - start) / SLOT_NS);
                answersBySlot.incrementAndGet(slot);
            }
            completed.incrementAndGet();
        }

        private void report(long now) {
            double p99;
            synchronized (this) {
                p99 = lastSecond.getTotalCount() == 0 ? 0 : lastSecond.getValueAtPercentile(99) / 1000.0;
                lastSecond = new Histogram(3_600_000_000L, 2);
            }
            progress.accept(new LoadProgress((now - start) / MS, plan.durationMs(), planned, sent.get(), completed.get(),
                    inFlight.get(), errors.get(), p99));
        }

        private LoadResult result(String startedAt, boolean wasCancelled, long elapsedMs) {
            Histogram total = all.copy();
            LoadResult.Latency latency = new LoadResult.Latency(ms(total, 50), ms(total, 90), ms(total, 99), ms(total, 99.9),
                    total.getTotalCount() == 0 ? 0 : total.getMaxValue() / 1000.0, total.getTotalCount() == 0 ? 0 : total.getMean() / 1000.0);
            // Sustained rate: answers in a window as long as the sending window, shifted by the median latency, so a
            // healthy endpoint's late answers still count and an overloaded one's queue does not.
            long shiftSlots = Math.round(latency.p50() / 100.0);
            long windowSlots = Math.max(1, plan.durationMs() / 100);
            long inWindow = 0;
            for (long s = shiftSlots; s < shiftSlots + windowSlots && s < answersBySlot.length(); s++) {
                inWindow += answersBySlot.get((int) s);
            }
            double sustained = inWindow / (windowSlots / 10.0);
            boolean keptUp = sustained >= 0.9 * plan.ratePerSecond();
            String capacity = keptUp
                    ? String.format(java.util.Locale.ROOT, "The endpoint kept up: %.1f answers/s sustained at %.1f/s offered.", sustained, plan.ratePerSecond())
                    : String.format(java.util.Locale.ROOT, "The offered rate of %.1f/s is above what the endpoint can take: it sustained %.1f answers/s;"
                    + " calls queued (p99 %.0f ms from their due time) %s.", plan.ratePerSecond(), sustained, latency.p99(),
                    outcomes.get(Outcome.TIMEOUT).sum() > 0 ? "and " + outcomes.get(Outcome.TIMEOUT).sum() + " timed out" : "");
            if (peakInFlight.get() >= plan.maxInFlight()) {
                capacity += " The client's cap of " + plan.maxInFlight() + " calls in flight was reached; later calls waited in the client (counted in their latency).";
            }
            List<LoadResult.OutcomeCount> counts = new ArrayList<>();
            outcomes.forEach((outcome, n) -> {
                if (n.sum() > 0) {
                    counts.add(new LoadResult.OutcomeCount(outcome.name(), n.sum(), outcome != Outcome.GRANTED && outcome != Outcome.DENIED,
                            reasons.get(outcome)));
                }
            });
            List<LoadResult.Interval> series = new ArrayList<>();
            for (int i = 0; i < intervals.length; i++) {
                Histogram h;
                long errs;
                synchronized (intervals[i]) {
                    h = intervals[i].copy();
                    errs = intervalErrors[i];
                }
                series.add(new LoadResult.Interval(i * intervalNs / MS, h.getTotalCount(), errs, ms(h, 50), ms(h, 99),
                        h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0));
            }
            long done = completed.get();
            double errorRate = done == 0 ? 0 : (double) errors.get() / done;
            LoadResult.Budgets budgets = new LoadResult.Budgets(plan.maxErrorRate(), plan.maxP99Ms(),
                    done > 0 && errorRate <= plan.maxErrorRate(), done > 0 && latency.p99() <= plan.maxP99Ms());
            return new LoadResult(plan.target().url(), startedAt, plan.ratePerSecond(), plan.durationMs(), planned, sent.get(), done,
                    answered.get(), wasCancelled, elapsedMs, latency, round(sustained), keptUp, capacity.strip(), counts, errors.get(),
                    errorRate, outcomes.get(Outcome.TIMEOUT).sum(), plan.target().timeoutMs(), plan.target().connectTimeoutMs(),
                    peakInFlight.get(), plan.maxInFlight(), series, buckets(total), budgets);
        }
    }

    /** Log-spaced bars from the histogram (about 40), for the report's chart. */
    private static List<LoadResult.Bucket> buckets(Histogram h) {
        List<LoadResult.Bucket> bars = new ArrayList<>();
        if (h.getTotalCount() == 0) {
            return bars;
        }
        for (HistogramIterationValue v : h.logarithmicBucketValues(Math.max(1, h.getMinNonZeroValue()), 1.25)) {
            bars.add(new LoadResult.Bucket(v.getValueIteratedTo() / 1000.0, v.getCountAddedInThisIterationStep()));
        }
        return bars;
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
