package dev.odksim.unloc;

import dev.odksim.common.Problem.InvalidParam;
import dev.odksim.common.ProblemException;
import dev.odksim.common.SimClock;
import dev.odksim.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The provisioning delay and fault knob of a project ({@link UnlocSettings}); a project without a row has the defaults. */
@ApplicationScoped
public class UnlocSettingsService {

    static final int DEFAULT_DELAY_MS = 2000;
    static final int MAX_DELAY_MS = 86_400_000;
    static final String DEFAULT_FAULT_REASON = "Simulated provisioning failure (fault knob of the project)";

    @Inject
    ProjectService projects;
    @Inject
    SimClock clock;

    /** The settings as the admin API shows and takes them; on update an absent field keeps its value. */
    public record View(Integer provisioningDelayMs, Integer faultPercent, List<String> faultLockIds, String faultReason) {
    }

    public View get(String projectId) {
        projects.project(projectId);
        return view(settings(projectId));
    }

    UnlocSettings settings(String projectId) {
        UnlocSettings stored = UnlocSettings.findById(projectId);
        return stored != null ? stored : defaults(projectId);
    }

    @Transactional
    public View update(String projectId, View update) {
        if (update == null) {
            throw ProblemException.badRequest("body", "is required: {provisioningDelayMs?, faultPercent?, faultLockIds?, faultReason?}");
        }
        Set<String> locks = projects.locks(projectId).stream().map(l -> l.id).collect(Collectors.toSet());
        UnlocSettings row = UnlocSettings.findById(projectId, LockModeType.PESSIMISTIC_WRITE);
        boolean fresh = row == null;
        if (fresh) {
            row = defaults(projectId);
        }
        List<InvalidParam> invalid = new ArrayList<>();
        if (update.provisioningDelayMs() != null && (update.provisioningDelayMs() < 0 || update.provisioningDelayMs() > MAX_DELAY_MS)) {
            invalid.add(new InvalidParam("provisioningDelayMs", "must be between 0 and " + MAX_DELAY_MS));
        }
        if (update.faultPercent() != null && (update.faultPercent() < 0 || update.faultPercent() > 100)) {
            invalid.add(new InvalidParam("faultPercent", "must be between 0 and 100"));
        }
        if (update.faultLockIds() != null) {
            for (int i = 0; i < update.faultLockIds().size(); i++) {
                if (!locks.contains(update.faultLockIds().get(i))) {
                    invalid.add(new InvalidParam("faultLockIds[" + i + "]", "is not a lock of project " + projectId));
                }
            }
        }
        if (update.faultReason() != null && (update.faultReason().isBlank() || update.faultReason().length() > 200)) {
            invalid.add(new InvalidParam("faultReason", "must be 1-200 characters"));
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }
        if (update.provisioningDelayMs() != null) {
            row.provisioningDelayMs = update.provisioningDelayMs();
        }
        if (update.faultPercent() != null) {
            row.faultPercent = update.faultPercent();
        }
        if (update.faultLockIds() != null) {
            row.faultLockIds = update.faultLockIds().isEmpty() ? null : String.join(",", update.faultLockIds());
        }
        if (update.faultReason() != null) {
            row.faultReason = update.faultReason().strip();
        }
        row.updatedAt = clock.now();
        if (fresh) {
            row.persist();
        }
        return view(row);
    }

    static Set<String> faultLocks(UnlocSettings s) {
        return s.faultLockIds == null ? Set.of() : Arrays.stream(s.faultLockIds.split(",")).collect(Collectors.toSet());
    }

    private static UnlocSettings defaults(String projectId) {
        UnlocSettings s = new UnlocSettings();
        s.projectId = projectId;
        s.provisioningDelayMs = DEFAULT_DELAY_MS;
        s.faultPercent = 0;
        s.faultReason = DEFAULT_FAULT_REASON;
        return s;
    }

    private static View view(UnlocSettings s) {
        return new View(s.provisioningDelayMs, s.faultPercent, List.copyOf(faultLocks(s)).stream().sorted().toList(), s.faultReason);
    }
}
