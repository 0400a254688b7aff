package dev.odksim.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.common.PhoneNumbers;
import dev.odksim.common.ProblemException;
import dev.odksim.conformance.Endpoint.Pair;
import dev.odksim.decision.DecisionCaller;
import dev.odksim.decision.DecisionService;
import dev.odksim.project.OnDemandConfig;
import dev.odksim.project.ProjectService;
import dev.odksim.runs.Run;
import dev.odksim.runs.RunKind;
import dev.odksim.runs.RunService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Load runs against a project's configured endpoint (its URL, auth, signing and timeouts), started through the admin
 * API as jobs: the same {@link LoadRunner} as the {@code load} command, with progress and cancel through
 * {@link RunService}. The calls bypass the project's circuit breaker and are not recorded as decisions: they test the
 * endpoint, they do not open doors.
 */
@ApplicationScoped
public class LoadTestService {

    /** A server-side run keeps fewer calls in flight than the command line allows: it shares the platform's resources. */
    static final int MAX_IN_FLIGHT = 200;

    @Inject
    ProjectService projects;
    @Inject
    DecisionService decisions;
    @Inject
    DecisionCaller caller;
    @Inject
    RunService runs;
    @Inject
    ObjectMapper json;

    /** What the admin API asks for; validated by the resource (Bean Validation) and here (phone numbers, endpoint). */
    public record LoadTest(List<String> lockIds, List<String> appUserIds, double ratePerSecond, int durationSeconds,
                           Double maxErrorRate, Long maxP99Ms) {
    }

    public Run start(String projectId, LoadTest request) {
        OnDemandConfig onDemand = projects.onDemand(projectId);
        if (onDemand == null || onDemand.url == null) {
            throw new ProblemException(409, "No endpoint configured", "Project '" + projectId
                    + "' has no on-demand URL; PUT /api/admin/v1/projects/" + projectId + "/on-demand first", null, null);
        }
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < request.appUserIds().size(); i++) {
            String raw = request.appUserIds().get(i);
            int index = i;
            phones.add(PhoneNumbers.normalise(raw).orElseThrow(() -> ProblemException.badRequest("appUserIds[" + index + "]",
                    "is not an E.164 phone number (e.g. +4712345678)")));
        }
        List<Pair> pairs = new ArrayList<>();
        for (String lock : request.lockIds()) {
            for (String phone : phones) {
                pairs.add(new Pair(lock, phone));
            }
        }
        LoadPlan plan = new LoadPlan(decisions.target(onDemand), pairs, request.ratePerSecond(), request.durationSeconds() * 1000L,
                MAX_IN_FLIGHT, request.maxErrorRate() == null ? LoadPlan.DEFAULT_MAX_ERROR_RATE : request.maxErrorRate(),
                request.maxP99Ms() == null ? onDemand.timeoutMs : request.maxP99Ms(), onDemand.maxDurationSeconds);
        String body;
        try {
            body = json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return runs.start(projectId, RunKind.LOAD, body, control -> {
            LoadResult result = new LoadRunner(caller, Instant::now).run(plan,
                    p -> control.progress(p.fraction() * 0.99, p.line()), control::cancelled);
            return new RunService.Result(result.passed() ? "PASSED" : "FAILED", result.passed() ? 0 : LoadCommand.BUDGET_EXCEEDED,
                    LoadCommand.json(result));
        });
    }
}
