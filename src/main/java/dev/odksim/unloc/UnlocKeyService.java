package dev.odksim.unloc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.common.Ids;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.PhoneNumbers;
import dev.odksim.common.ProblemException;
import dev.odksim.common.SimClock;
import dev.odksim.key.AccessKey;
import dev.odksim.key.KeyRevocations;
import dev.odksim.key.KeyService;
import dev.odksim.key.KeyState;
import dev.odksim.project.ProjectService;
import dev.odksim.unloc.UnlocKeyDtos.JobKey;
import dev.odksim.unloc.UnlocKeyDtos.JobState;
import dev.odksim.unloc.UnlocKeyDtos.JobView;
import dev.odksim.unloc.UnlocKeyDtos.KeyList;
import dev.odksim.unloc.UnlocKeyDtos.NewKeys;
import dev.odksim.unloc.UnlocKeyDtos.UnlocKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code /v2} keys on the one key store (dev.odksim.key): a batch is validated whole, reserved as {@code creating} in
 * one transaction under a job, and finished later by {@link UnlocProvisioning}. Listing pages in creation order.
 */
@ApplicationScoped
public class UnlocKeyService {

    @Inject
    KeyService keys;
    @Inject
    KeyRevocations revocations;
    @Inject
    ProjectService projects;
    @Inject
    UnlocSettingsService settings;
    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;
    @Inject
    ObjectMapper json;

    /** Validates the whole batch, then stores every key as creating under a new job; returns the job's ref. */
    @Transactional
    public String create(String projectId, NewKeys body) {
        Set<String> locks = projects.locks(projectId).stream().map(l -> l.id).collect(Collectors.toSet());
        Instant now = clock.now();
        List<UnlocKeyBatch.Valid> valid = new UnlocKeyBatch(projectId, locks, now, config, json).validate(body);
        UnlocSettings knobs = settings.settings(projectId);
        Set<String> faultLocks = UnlocSettingsService.faultLocks(knobs);
        UnlocJob job = new UnlocJob();
        job.jobRef = Ids.uuid();
        job.projectId = projectId;
        job.createdAt = now;
        job.keyCount = valid.size();
        job.persist();
        Instant readyAt = now.plusMillis(knobs.provisioningDelayMs);
        keys.reserveAll(valid.stream().map(UnlocKeyBatch.Valid::request).toList(), (key, i) -> {
            UnlocKeyBatch.Valid entry = valid.get(i);
            key.jobRef = job.jobRef;
            key.readyAt = readyAt;
            key.durationMinutes = entry.durationMinutes();
            key.recurrence = entry.recurrenceJson();
            key.metadata = entry.metadataJson();
            if (faultLocks.contains(key.lockId) || pickedByShare(i, knobs.faultPercent)) {
                key.failure = knobs.faultReason;
            }
        });
        return job.jobRef;
    }

    /**
     * The fault knob's share, spread evenly and deterministically over a batch: of n keys, ceil(n * percent / 100) fail,
     * starting with the first (so a single-key batch with any share above 0 fails).
     */
    static boolean pickedByShare(int index, int percent) {
        return ceilDiv((index + 1) * percent, 100) > ceilDiv(index * percent, 100);
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    public JobView job(String projectId, String jobRef) {
        UnlocJob job = UnlocJob.<UnlocJob>findByIdOptional(jobRef).filter(j -> j.projectId.equals(projectId))
                .orElseThrow(() -> ProblemException.notFound("Job", jobRef));
        Instant now = clock.now();
        List<JobKey> jobKeys = AccessKey.<AccessKey>list("jobRef = ?1 order by seq", jobRef).stream()
                .map(k -> {
                    KeyState state = KeyState.of(k, now);
                    return new JobKey(k.id, k.lockId, k.appUserId, state, state == KeyState.ERROR ? k.failure : null);
                }).toList();
        boolean running = jobKeys.stream().anyMatch(k -> k.state() == KeyState.CREATING);
        return new JobView(job.jobRef, running ? JobState.RUNNING : JobState.COMPLETED, job.createdAt, jobKeys);
    }

    public KeyList list(String projectId, String appUserId, String lockId, String excludeStates, String limit, String startAfterId) {
        projects.project(projectId);
        String user = appUserId == null || appUserId.isBlank() ? null : PhoneNumbers.require("appUserId", appUserId);
        Set<KeyState> excluded = excluded(excludeStates);
        int pageSize = UnlocPaging.limit(limit);
        Long afterSeq = null;
        if (startAfterId != null && !startAfterId.isBlank()) {
            afterSeq = keys.keyOfProject(projectId, startAfterId.strip()).map(k -> k.seq)
                    .orElseThrow(() -> ProblemException.badRequest("startAfterId", "is not the id of a key of this project"));
        }
        List<AccessKey> fetched = keys.pageInCreationOrder(projectId, user, blank(lockId), excluded, afterSeq, pageSize + 1);
        UnlocPaging.Page<AccessKey> page = UnlocPaging.Page.of(fetched, pageSize, k -> k.id);
        Instant now = clock.now();
        return new KeyList(page.items().stream().map(k -> view(k, now)).toList(), page.startAfterId());
    }

    public UnlocKey one(String projectId, String keyId) {
        projects.project(projectId);
        return keys.keyOfProject(projectId, keyId).map(k -> view(k, clock.now())).orElseThrow(() -> ProblemException.notFound("Key", keyId));
    }

    /** Revokes one key: 1, or 0 when it already was revoked; 404 unknown, 409 expired or error. */
    public int revoke(String projectId, String keyId) {
        projects.project(projectId);
        boolean wasRevoked = keys.keyOfProject(projectId, keyId).map(k -> KeyState.of(k, clock.now()) == KeyState.REVOKED).orElse(false);
        revocations.revoke(projectId, keyId, "revoked through /v2");
        return wasRevoked ? 0 : 1;
    }

    public int revokeAll(String projectId, String appUserId, String lockId) {
        projects.project(projectId);
        if (blank(appUserId) == null && blank(lockId) == null) {
            throw ProblemException.badRequest("appUserId", "at least one of appUserId and lockId is required (this revokes every matching key)");
        }
        String user = blank(appUserId) == null ? null : PhoneNumbers.require("appUserId", appUserId);
        return revocations.revokeAll(projectId, user, blank(lockId), "revoked through /v2 (bulk)");
    }

    private static Set<KeyState> excluded(String raw) {
        Set<KeyState> states = EnumSet.noneOf(KeyState.class);
        if (raw == null || raw.isBlank()) {
            return states;
        }
        for (String name : raw.split(",")) {
            states.add(KeyState.fromWire(name.strip()).orElseThrow(() -> ProblemException.badRequest("excludeStates",
                    "'" + name.strip() + "' is not a key state; use a comma-separated list of "
                            + Arrays.stream(KeyState.values()).map(KeyState::wire).collect(Collectors.joining(", ")))));
        }
        return states;
    }

    UnlocKey view(AccessKey k, Instant now) {
        KeyState state = KeyState.of(k, now);
        return new UnlocKey(k.id, k.lockId, k.appUserId, k.start, k.end, k.createdAt, state, k.durationMinutes,
                k.recurrence == null ? null : canonical(read(k.recurrence, UnlocKeyDtos.Recurrence.class)),
                k.metadata == null ? null : read(k.metadata, JsonNode.class), state == KeyState.ERROR ? k.failure : null);
    }

    /** Without the (empty) collections of unknown fields, which belong to requests only. */
    private static UnlocKeyDtos.Recurrence canonical(UnlocKeyDtos.Recurrence r) {
        return new UnlocKeyDtos.Recurrence(r.timeSpans().stream().map(t -> new UnlocKeyDtos.TimeSpan(t.weekday(), t.startHour(),
                t.startMinute(), t.endHour(), t.endMinute(), null)).toList(), null);
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON of a key is corrupt", e);
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
