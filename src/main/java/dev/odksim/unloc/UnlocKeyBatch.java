package dev.odksim.unloc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.common.JsonTime;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.PhoneNumbers;
import dev.odksim.common.Problem.InvalidParam;
import dev.odksim.common.ProblemException;
import dev.odksim.key.KeyService.KeyRequest;
import dev.odksim.key.Recurrence;
import dev.odksim.unloc.UnlocKeyDtos.NewKey;
import dev.odksim.unloc.UnlocKeyDtos.NewKeys;
import dev.odksim.unloc.UnlocKeyDtos.TimeSpan;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validation of a whole {@code /v2} key batch before anything is stored: every problem of every entry is collected and
 * named {@code keys[i].field} (unknown fields too); one bad entry and nothing is created.
 */
final class UnlocKeyBatch {

    /** Most keys in one /v2 batch (ours: Unloc documents no limit). */
    static final int MAX_BATCH = 10_000;
    static final int MAX_METADATA_CHARS = 4000;

    /** One validated entry: the key to reserve and what the /v2 API keeps besides. */
    record Valid(KeyRequest request, Integer durationMinutes, String recurrenceJson, String metadataJson) {
    }

    private final String projectId;
    private final Set<String> locks;
    private final Instant now;
    private final OdkConfig config;
    private final ObjectMapper json;
    private final List<InvalidParam> invalid = new ArrayList<>();

    UnlocKeyBatch(String projectId, Set<String> locks, Instant now, OdkConfig config, ObjectMapper json) {
        this.projectId = projectId;
        this.locks = locks;
        this.now = now;
        this.config = config;
        this.json = json;
    }

    List<Valid> validate(NewKeys body) {
        if (body == null || body.keys() == null || body.keys().isEmpty()) {
            unknown("", body == null ? null : body.unknown());
            invalid.add(new InvalidParam("keys", "is required: a non-empty array of {lockId, appUserId, start?, end?, durationMinutes?, recurrence?, metadata?}"));
            throw ProblemException.invalid(invalid);
        }
        unknown("", body.unknown());
        if (body.keys().size() > MAX_BATCH) {
            throw ProblemException.badRequest("keys", "has " + body.keys().size() + " entries; at most " + MAX_BATCH + " per batch");
        }
        List<Valid> valid = new ArrayList<>(body.keys().size());
        for (int i = 0; i < body.keys().size(); i++) {
            Valid entry = entry("keys[" + i + "]", body.keys().get(i));
            if (entry != null) {
                valid.add(entry);
            }
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }
        return valid;
    }

    private Valid entry(String at, NewKey key) {
        if (key == null) {
            invalid.add(new InvalidParam(at, "must be an object {lockId, appUserId, ...}"));
            return null;
        }
        int before = invalid.size();
        unknown(at + ".", key.unknown());
        if (key.lockId() == null || key.lockId().isBlank()) {
            invalid.add(new InvalidParam(at + ".lockId", "is required"));
        } else if (!locks.contains(key.lockId())) {
            invalid.add(new InvalidParam(at + ".lockId", "is not a lock of project " + projectId));
        }
        String appUserId = PhoneNumbers.normalise(key.appUserId()).orElse(null);
        if (appUserId == null) {
            invalid.add(new InvalidParam(at + ".appUserId", key.appUserId() == null ? "is required (an E.164 phone number)"
                    : "is not a valid E.164 phone number (e.g. +4712345678)"));
        }
        Instant start = key.start() == null ? now : time(at + ".start", key.start());
        Instant end = window(at, key, start);
        String recurrence = key.recurrence() == null ? null : recurrence(at + ".recurrence", key.recurrence());
        String metadata = metadata(at + ".metadata", key.metadata());
        if (invalid.size() > before) {
            return null;
        }
        KeyRequest request = new KeyRequest(projectId, key.lockId(), appUserId, start.truncatedTo(ChronoUnit.SECONDS),
                end.truncatedTo(ChronoUnit.SECONDS), "unloc-v2", null);
        return new Valid(request, key.durationMinutes(), recurrence, metadata);
    }

    /** The end from {@code end} or {@code durationMinutes} (not both), checked against start, now and the longest key. */
    private Instant window(String at, NewKey key, Instant start) {
        Duration max = config.keys().assignedMaxDuration();
        Instant end = null;
        if (key.end() != null && key.durationMinutes() != null) {
            invalid.add(new InvalidParam(at + ".durationMinutes", "give either end or durationMinutes, not both"));
        } else if (key.durationMinutes() != null) {
            if (key.durationMinutes() < 1 || key.durationMinutes() > max.toMinutes()) {
                invalid.add(new InvalidParam(at + ".durationMinutes", "must be between 1 and " + max.toMinutes()));
            } else if (start != null) {
                end = start.plus(Duration.ofMinutes(key.durationMinutes()));
            }
        } else if (key.end() != null) {
            end = time(at + ".end", key.end());
        } else if (start != null) {
            end = start.plus(config.keys().assignedDefaultDuration());
        }
        if (start == null || end == null) {
            return null;
        }
        String endField = key.durationMinutes() != null ? at + ".durationMinutes" : at + ".end";
        if (!end.truncatedTo(ChronoUnit.SECONDS).isAfter(start.truncatedTo(ChronoUnit.SECONDS))) {
            invalid.add(new InvalidParam(endField, "must make the key end after its start"));
        } else if (!end.isAfter(now)) {
            invalid.add(new InvalidParam(endField, "must make the key end in the future"));
        } else if (Duration.between(start, end).compareTo(max) > 0) {
            invalid.add(new InvalidParam(endField, "makes the key last more than " + max.toDays() + " days"));
        }
        return end;
    }

    /** Validates the spans and returns the canonical JSON that is stored and signed into the key. */
    private String recurrence(String at, UnlocKeyDtos.Recurrence recurrence) {
        unknown(at + ".", recurrence.unknown());
        if (recurrence.timeSpans() == null || recurrence.timeSpans().isEmpty()) {
            invalid.add(new InvalidParam(at + ".timeSpans", "is required: at least one {weekday, startHour, startMinute, endHour, endMinute}"));
            return null;
        }
        Set<DayOfWeek> seen = EnumSet.noneOf(DayOfWeek.class);
        List<TimeSpan> canonical = new ArrayList<>();
        for (int j = 0; j < recurrence.timeSpans().size(); j++) {
            String spanAt = at + ".timeSpans[" + j + "]";
            TimeSpan span = recurrence.timeSpans().get(j);
            if (span == null) {
                invalid.add(new InvalidParam(spanAt, "must be an object {weekday, startHour, startMinute, endHour, endMinute}"));
                continue;
            }
            unknown(spanAt + ".", span.unknown());
            DayOfWeek day = span.weekday() == null ? null : Recurrence.weekday(span.weekday()).orElse(null);
            if (day == null) {
                invalid.add(new InvalidParam(spanAt + ".weekday", "must be one of mon, tue, wed, thu, fri, sat, sun"));
            } else if (!seen.add(day)) {
                invalid.add(new InvalidParam(spanAt + ".weekday", "has a span already: one span per weekday"));
            }
            boolean ok = range(spanAt + ".startHour", span.startHour(), 24) & range(spanAt + ".startMinute", span.startMinute(), 59)
                    & range(spanAt + ".endHour", span.endHour(), 24) & range(spanAt + ".endMinute", span.endMinute(), 59);
            if (!ok) {
                continue;
            }
            int from = span.startHour() * 60 + span.startMinute();
            int to = span.endHour() * 60 + span.endMinute();
            if (from >= 24 * 60 || to > 24 * 60) {
                invalid.add(new InvalidParam(spanAt + (from >= 24 * 60 ? ".startHour" : ".endMinute"), "must not pass 24:00"));
            } else if (to <= from) {
                invalid.add(new InvalidParam(spanAt + ".endHour", "must make the span end after it starts (same day)"));
            } else if (day != null) {
                canonical.add(new TimeSpan(span.weekday(), span.startHour(), span.startMinute(), span.endHour(), span.endMinute(), null));
            }
        }
        try {
            return json.writeValueAsString(new UnlocKeyDtos.Recurrence(canonical, null));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean range(String field, Integer value, int max) {
        if (value == null) {
            invalid.add(new InvalidParam(field, "is required"));
            return false;
        }
        if (value < 0 || value > max) {
            invalid.add(new InvalidParam(field, "must be between 0 and " + max));
            return false;
        }
        return true;
    }

    private String metadata(String field, JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return null;
        }
        if (!metadata.isObject()) {
            invalid.add(new InvalidParam(field, "must be a JSON object"));
            return null;
        }
        String text = metadata.toString();
        if (text.length() > MAX_METADATA_CHARS) {
            invalid.add(new InvalidParam(field, "must be at most " + MAX_METADATA_CHARS + " characters as JSON"));
            return null;
        }
        return text;
    }

    private void unknown(String prefix, Map<String, JsonNode> fields) {
        if (fields != null) {
            fields.keySet().stream().sorted().forEach(name -> invalid.add(new InvalidParam(prefix + name, "is not a known field")));
        }
    }

    private Instant time(String field, String value) {
        return JsonTime.parseRfc3339(value).orElseGet(() -> {
            invalid.add(new InvalidParam(field, "is not an RFC 3339 time such as 2025-02-01T00:00:00.000Z"));
            return null;
        });
    }
}
