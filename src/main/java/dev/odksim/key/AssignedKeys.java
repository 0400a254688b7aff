package dev.odksim.key;

import dev.odksim.common.JsonTime;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.PhoneNumbers;
import dev.odksim.common.Problem.InvalidParam;
import dev.odksim.common.ProblemException;
import dev.odksim.common.SimClock;
import dev.odksim.key.KeyService.KeyRequest;
import dev.odksim.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keys created ahead of time through the admin API (docs/design.md §7.4), in Unloc's batch shape. The whole batch is
 * validated before anything is stored: one bad entry and nothing is created. These keys are the "key already exists"
 * path of the access flow. They are not device-bound: the admin does not know the phone's device key.
 */
@ApplicationScoped
public class AssignedKeys {

    @Inject
    KeyService keys;
    @Inject
    ProjectService projects;
    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;

    /** One entry as sent; times are strings so a bad one is reported by its index. */
    public record Entry(String lockId, String appUserId, String start, String end) {
    }

    public List<AccessKey> create(String projectId, List<Entry> entries) {
        Set<String> locks = projects.locks(projectId).stream().map(l -> l.id).collect(Collectors.toSet());
        if (entries == null || entries.isEmpty()) {
            throw ProblemException.badRequest("keys", "is required: a non-empty array of {lockId, appUserId, start?, end?}");
        }
        if (entries.size() > config.keys().maxBatch()) {
            throw ProblemException.badRequest("keys", "has " + entries.size() + " entries; at most " + config.keys().maxBatch() + " per batch");
        }
        Instant now = clock.now();
        List<InvalidParam> invalid = new ArrayList<>();
        List<KeyRequest> requests = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            KeyRequest request = validate("keys[" + i + "]", entries.get(i), projectId, locks, now, invalid);
            if (request != null) {
                requests.add(request);
            }
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }
        return keys.mintAll(requests);
    }

    private KeyRequest validate(String at, Entry entry, String projectId, Set<String> locks, Instant now, List<InvalidParam> invalid) {
        if (entry == null) {
            invalid.add(new InvalidParam(at, "must be an object {lockId, appUserId, start?, end?}"));
            return null;
        }
        int before = invalid.size();
        if (entry.lockId() == null || entry.lockId().isBlank()) {
            invalid.add(new InvalidParam(at + ".lockId", "is required"));
        } else if (!locks.contains(entry.lockId())) {
            invalid.add(new InvalidParam(at + ".lockId", "is not a lock of project " + projectId));
        }
        String appUserId = PhoneNumbers.normalise(entry.appUserId()).orElse(null);
        if (appUserId == null) {
            invalid.add(new InvalidParam(at + ".appUserId", entry.appUserId() == null ? "is required (an E.164 phone number)"
                    : "is not a valid E.164 phone number (e.g. +4712345678)"));
        }
        Instant start = entry.start() == null ? now : time(at + ".start", entry.start(), invalid);
        Instant end = entry.end() == null ? (start == null ? null : start.plus(config.keys().assignedDefaultDuration()))
                : time(at + ".end", entry.end(), invalid);
        if (start != null && end != null) {
            start = start.truncatedTo(ChronoUnit.SECONDS);
            end = end.truncatedTo(ChronoUnit.SECONDS);
            Duration max = config.keys().assignedMaxDuration();
            if (!end.isAfter(start)) {
                invalid.add(new InvalidParam(at + ".end", "must be after start"));
            } else if (!end.isAfter(now)) {
                invalid.add(new InvalidParam(at + ".end", "must be in the future"));
            } else if (Duration.between(start, end).compareTo(max) > 0) {
                invalid.add(new InvalidParam(at + ".end", "is more than " + max.toDays() + " days after start"));
            }
        }
        return invalid.size() > before ? null : new KeyRequest(projectId, entry.lockId(), appUserId, start, end, "assigned", null);
    }

    /** RFC 3339 has four-digit years; a larger one (Java parses "+999999999-…") would only fail later, at signing. */
    private static Instant time(String field, String value, List<InvalidParam> invalid) {
        return JsonTime.parseRfc3339(value).orElseGet(() -> {
            invalid.add(new InvalidParam(field, "is not an RFC 3339 time such as 2025-02-01T00:00:00.000Z"));
            return null;
        });
    }
}
