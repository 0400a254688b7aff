package dev.odksim.conformance;

import dev.odksim.common.Ids;
import dev.odksim.common.ProblemException;
import dev.odksim.common.SimClock;
import dev.odksim.decision.DecisionCaller;
import dev.odksim.decision.DecisionService;
import dev.odksim.project.OnDemandConfig;
import dev.odksim.project.ProjectService;
import dev.odksim.runs.Run;
import dev.odksim.runs.RunKind;
import dev.odksim.runs.RunService;
import dev.odksim.runs.WatchedCaller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Validates a project's configured decision endpoint with its own auth (API header or OAuth2), signing and timeouts,
 * through the platform's {@link DecisionCaller} bean, and keeps the run. No transaction is held while the suite calls the endpoint.
 */
@ApplicationScoped
public class ValidationService {

    private static final Logger LOG = Logger.getLogger(ValidationService.class);

    @Inject
    ProjectService projects;
    @Inject
    DecisionCaller caller;
    @Inject
    DecisionService decisions;
    @Inject
    SimClock clock;
    @Inject
    RunService runs;

    /**
     * Starts a validation of the project's endpoint as a run (docs/api.md): the input is checked now (400/409), the
     * suite runs on a worker; the finished run's report is also kept as a validation run with the same id.
     */
    public Run start(String projectId, String grant, String deny, Integer repeats) {
        OnDemandConfig onDemand = projects.onDemand(projectId);
        Endpoint.Pair grantPair = pair("grant", grant);
        Endpoint.Pair denyPair = pair("deny", deny);
        if (grantPair.equals(denyPair)) {
            throw ProblemException.badRequest("deny", "must differ from grant: a pair the endpoint denies");
        }
        int calls = repeats == null ? Settings.DEFAULT_REPEATS : repeats;
        if (calls < 1 || calls > 100) {
            throw ProblemException.badRequest("repeats", "must be between 1 and 100");
        }
        if (onDemand == null || onDemand.url == null) {
            throw new ProblemException(409, "No endpoint configured", "Project '" + projectId
                    + "' has no on-demand URL; PUT /api/admin/v1/projects/" + projectId + "/on-demand first", null, null);
        }
        Settings settings = new Settings(onDemand.defaultDurationSeconds, onDemand.maxDurationSeconds, calls,
                Settings.DEFAULT_P50_MS, Settings.DEFAULT_P99_MS);
        Endpoint endpoint = new Endpoint(decisions.target(onDemand), grantPair, denyPair);
        String request = "{\"grant\":\"" + grantPair + "\",\"deny\":\"" + denyPair + "\",\"repeats\":" + calls + "}";
        return runs.start(projectId, RunKind.VALIDATION, request, control -> {
            // About how many calls the suite makes, for the progress bar (the exact count depends on the answers).
            int expected = calls + Math.min(calls, 5) + 16;
            DecisionCaller watched = new WatchedCaller(caller, control, expected);
            Report report = new ConformanceSuite(watched, clock::now).run(endpoint, settings);
            if (control.cancelled()) {
                return null;
            }
            return store(control, projectId, report);
        });
    }

    private RunService.Result store(RunService.Control control, String projectId, Report report) {
        ValidationRun run = new ValidationRun();
        run.id = control.runId();
        run.projectId = projectId;
        run.startedAt = clock.now();
        run.url = report.url();
        run.verdict = report.verdict().name();
        run.exitCode = report.exitCode();
        run.passed = report.counts().passed();
        run.failed = report.counts().failed();
        run.warnings = report.counts().warnings();
        run.skipped = report.counts().skipped();
        run.report = ReportJson.write(report);
        QuarkusTransaction.requiringNew().run(run::persist);
        LOG.infof("Validation %s project=%s url=%s verdict=%s (%d failed, %d warnings)", run.id, projectId, run.url, run.verdict,
                run.failed, run.warnings);
        return new RunService.Result(run.verdict, run.exitCode, run.report);
    }

    /** Newest first. */
    public List<ValidationRun> runs(String projectId, int limit) {
        projects.project(projectId);
        return ValidationRun.find("projectId = ?1 order by startedAt desc, id desc", projectId).page(0, limit).list();
    }

    public ValidationRun run(String projectId, String runId) {
        projects.project(projectId);
        ValidationRun run = ValidationRun.findById(runId);
        if (run == null || !run.projectId.equals(projectId)) {
            throw ProblemException.notFound("Validation run", runId);
        }
        return run;
    }

    private static Endpoint.Pair pair(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.badRequest(field, "is required: LOCK_ID:E164, e.g. demo-front-door:+4712345678");
        }
        try {
            return Endpoint.Pair.parse(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, e.getMessage());
        }
    }
}
