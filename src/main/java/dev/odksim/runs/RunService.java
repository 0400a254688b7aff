package dev.odksim.runs;

import dev.odksim.common.Ids;
import dev.odksim.common.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Long runs as jobs (issue 14): a run is a row first (202 with its id at once), then work on one of a few worker
 * threads of this instance. While it works, a ticker writes its progress and a heartbeat every second and reads back
 * whether a cancel was asked (from any instance: the flag is in the database). A run whose heartbeat stops (its
 * instance died) is marked failed by any instance. Heartbeats use wall-clock time, not the simulator's clock, which
 * time travel moves.
 */
@ApplicationScoped
public class RunService {

    private static final Logger LOG = Logger.getLogger(RunService.class);
    /** Runs worked on at once by one instance; more wait as {@code queued}. */
    static final int WORKERS = 3;
    /** A run not heartbeating for this long was abandoned by its instance. */
    static final Duration STALE = Duration.ofMinutes(2);

    /** How a job reports progress and learns it was cancelled. */
    public interface Control {
        String runId();

        boolean cancelled();

        void progress(double fraction, String text);
    }

    /** The work of a run; returns its result, or throws. It should return soon after {@link Control#cancelled()} turns true. */
    public interface Job {
        Result execute(Control control) throws Exception;
    }

    /** What a finished (or cancelled, with what it got so far) run produced. */
    public record Result(String verdict, int exitCode, String report) {
    }

    private ExecutorService workers;
    private ScheduledExecutorService ticker;
    /** The runs of this instance, for the ticker (a cache of work in hand; the state is in the database). */
    private final Map<String, Live> live = new ConcurrentHashMap<>();

    private static final class Live implements Control {
        final String id;
        volatile boolean cancelled;
        volatile double fraction;
        volatile String text = "queued";

        Live(String id) {
            this.id = id;
        }

        @Override
        public String runId() {
            return id;
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }

        @Override
        public void progress(double fraction, String text) {
            this.fraction = Math.max(0, Math.min(1, fraction));
            this.text = text;
        }
    }

    @PostConstruct
    void init() {
        workers = Executors.newFixedThreadPool(WORKERS, daemon("odk-run"));
        ticker = Executors.newSingleThreadScheduledExecutor(daemon("odk-run-ticker"));
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
        workers.shutdownNow();
    }

    /** Stores the run as queued and hands it to a worker; returns at once. */
    public Run start(String projectId, RunKind kind, String requestJson, Job job) {
        Run run = new Run();
        run.id = Ids.uuid();
        run.projectId = projectId;
        run.kind = kind.wire();
        run.state = RunState.QUEUED.wire();
        run.startedAt = Instant.now();
        run.heartbeatAt = run.startedAt;
        run.progressText = "queued";
        run.request = requestJson;
        QuarkusTransaction.requiringNew().run(run::persist);
        Live control = new Live(run.id);
        live.put(run.id, control);
        workers.execute(() -> work(control, job));
        LOG.infof("Run %s (%s) of project %s queued", run.id, kind.wire(), projectId);
        return run;
    }

    private void work(Live control, Job job) {
        try {
            int started = QuarkusTransaction.requiringNew().call(() -> Run.update(
                    "state = ?1, progressText = 'started', heartbeatAt = ?2 where id = ?3 and state = ?4 and cancelRequested = false",
                    RunState.RUNNING.wire(), Instant.now(), control.id, RunState.QUEUED.wire()));
            if (started == 0) {
                finish(control.id, RunState.CANCELLED, null, "cancelled before it started");
                return;
            }
            control.text = "started";
            Result result = job.execute(control);
            finish(control.id, control.cancelled ? RunState.CANCELLED : RunState.FINISHED, result, null);
        } catch (Exception e) {
            if (control.cancelled) {
                finish(control.id, RunState.CANCELLED, null, "cancelled");
            } else {
                LOG.errorf(e, "Run %s failed", control.id);
                finish(control.id, RunState.FAILED, null, "internal error: " + e.getClass().getSimpleName());
            }
        } finally {
            live.remove(control.id);
        }
    }

    private void finish(String id, RunState state, Result result, String error) {
        QuarkusTransaction.requiringNew().run(() -> Run.update("state = ?1, finishedAt = ?2, heartbeatAt = ?2, progress = ?3, progressText = ?4,"
                        + " verdict = ?5, exitCode = ?6, report = ?7, error = ?8 where id = ?9 and state in (?10)",
                state.wire(), Instant.now(), state == RunState.FINISHED ? 1.0 : live(id).fraction, state.wire(),
                result == null ? null : result.verdict(), result == null ? null : result.exitCode(), result == null ? null : result.report(),
                error, id, List.of(RunState.QUEUED.wire(), RunState.RUNNING.wire())));
        LOG.infof("Run %s %s%s", id, state.wire(), result == null ? "" : ": " + result.verdict());
    }

    private Live live(String id) {
        Live control = live.get(id);
        return control == null ? new Live(id) : control;
    }

    /** Progress and heartbeat out, cancel requests in: one short transaction per second for all runs of this instance. */
    void tick() {
        if (live.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Instant now = Instant.now();
                for (Live control : live.values()) {
                    Run.update("progress = ?1, progressText = ?2, heartbeatAt = ?3 where id = ?4 and state in (?5)", control.fraction,
                            clip(control.text), now, control.id, List.of(RunState.QUEUED.wire(), RunState.RUNNING.wire()));
                }
                List<String> cancelled = Run.<Run>list("id in ?1 and cancelRequested = true", List.copyOf(live.keySet()))
                        .stream().map(r -> r.id).toList();
                cancelled.forEach(id -> {
                    Live control = live.get(id);
                    if (control != null) {
                        control.cancelled = true;
                    }
                });
            });
        } catch (RuntimeException e) {
            LOG.warnf("Writing run progress failed: %s", e.toString());
        }
    }

    /**
     * Asks a run to stop. A queued run is cancelled at once; a running one stops within about a second, wherever it
     * runs. Cancelling a finished run is a 409.
     */
    public Run cancel(String projectId, String runId) {
        Run run = QuarkusTransaction.requiringNew().call(() -> {
            Run.update("state = ?1, finishedAt = ?2, progressText = ?1, cancelRequested = true where id = ?3 and projectId = ?4 and state = ?5",
                    RunState.CANCELLED.wire(), Instant.now(), runId, projectId, RunState.QUEUED.wire());
            Run.update("cancelRequested = true where id = ?1 and projectId = ?2 and state = ?3", runId, projectId, RunState.RUNNING.wire());
            return run(projectId, runId);
        });
        if (RunState.of(run.state).isFinal() && !run.cancelRequested) {
            throw ProblemException.conflict("Run " + runId + " is already " + run.state + "; only queued and running runs can be cancelled");
        }
        Live control = live.get(runId);
        if (control != null) {
            control.cancelled = true;
        }
        return run;
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledFailAbandoned() {
        failAbandoned();
    }

    /** Runs whose instance stopped heartbeating are failed, by whichever instance notices first; returns how many. */
    public int failAbandoned() {
        Instant now = Instant.now();
        int failed = QuarkusTransaction.requiringNew().call(() -> Run.update(
                "state = ?1, finishedAt = ?2, progressText = ?1, error = ?3 where state in (?4) and heartbeatAt < ?5",
                RunState.FAILED.wire(), now, "the instance running it stopped (no heartbeat for " + STALE.toSeconds() + " s)",
                List.of(RunState.QUEUED.wire(), RunState.RUNNING.wire()), now.minus(STALE)));
        if (failed > 0) {
            LOG.warnf("%d run(s) abandoned by a stopped instance were marked failed", failed);
        }
        return failed;
    }

    public Run run(String projectId, String runId) {
        Run run = Run.findById(runId);
        if (run == null || !run.projectId.equals(projectId)) {
            throw ProblemException.notFound("Run", runId);
        }
        return run;
    }

    /** Newest first. */
    public List<Run> runs(String projectId, int limit) {
        return Run.find("projectId = ?1 order by startedAt desc, id desc", projectId).page(0, limit).list();
    }

    private static String clip(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 499) + "…";
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
