package dev.odksim.decision;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.odksim.common.JsonTime;
import dev.odksim.common.PhoneNumbers;
import dev.odksim.decision.DecisionResult.Denied;
import dev.odksim.decision.DecisionResult.Failed;
import dev.odksim.decision.DecisionResult.Granted;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The strict reading of an integrator's answer (docs/design.md §6.4). Pure: the same response, request and clock
 * always give the same result, so every rule is unit-tested on its own.
 */
public final class ResponseRules {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    /** What was asked and the project's key-duration policy. */
    public record Request(String lockId, String appUserId, Instant now, long defaultDurationSeconds, long maxDurationSeconds) {
    }

    private ResponseRules() {
    }

    public static DecisionResult judge(Request request, int status, String contentType, String location, byte[] body) {
        if (status >= 300 && status < 400) {
            return new Failed(Outcome.REDIRECT, "HTTP " + status + " redirect" + (location != null ? " to " + location : "")
                    + "; the caller does not follow redirects");
        }
        if (status != 200) {
            return new Failed(Outcome.HTTP_STATUS, "HTTP " + status + "; only 200 is a decision");
        }
        if (!isJson(contentType)) {
            return invalid("content type is " + (contentType == null ? "missing" : "'" + contentType + "'") + "; expected application/json");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return invalid("body is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (java.io.IOException e) {
            return invalid("body is not readable JSON");
        }
        if (root == null || !root.isObject()) {
            return invalid("body is " + (root == null ? "empty" : "a JSON " + root.getNodeType().name().toLowerCase(Locale.ROOT)) + ", not a JSON object");
        }
        JsonNode lockId = root.get("lockId");
        if (lockId == null || !lockId.isTextual()) {
            return invalid("lockId must be a string echoing the requested lock id");
        }
        if (!lockId.textValue().equals(request.lockId())) {
            return invalid("lockId '" + lockId.textValue() + "' does not echo the requested '" + request.lockId() + "'");
        }
        JsonNode appUserId = root.get("appUserId");
        if (appUserId == null || !appUserId.isTextual()) {
            return invalid("appUserId must be a string echoing the requested phone number");
        }
        if (!PhoneNumbers.normalise(appUserId.textValue()).map(request.appUserId()::equals).orElse(false)) {
            return invalid("appUserId '" + appUserId.textValue() + "' does not echo the requested '" + request.appUserId() + "'");
        }
        JsonNode hasAccess = root.get("hasAccess");
        if (hasAccess == null || hasAccess.isNull()) {
            return invalid("hasAccess is missing");
        }
        if (!hasAccess.isBoolean()) {
            return invalid("hasAccess must be a JSON boolean, got " + hasAccess.getNodeType().name().toLowerCase(Locale.ROOT) + " " + hasAccess);
        }
        if (!hasAccess.booleanValue()) {
            return new Denied("the integrator answered hasAccess: false");
        }
        return keyWindow(request, root.get("keyData"));
    }

    private static DecisionResult keyWindow(Request request, JsonNode keyData) {
        Instant now = request.now().truncatedTo(ChronoUnit.SECONDS);
        if (keyData == null || keyData.isNull()) {
            return new Granted(now, now.plusSeconds(request.defaultDurationSeconds()), null);
        }
        if (!keyData.isObject()) {
            return invalid("keyData must be a JSON object");
        }
        JsonNode duration = keyData.get("duration");
        JsonNode startNode = keyData.get("start");
        JsonNode endNode = keyData.get("end");
        boolean hasDuration = duration != null && !duration.isNull();
        boolean hasEnd = endNode != null && !endNode.isNull();
        if (hasDuration && hasEnd) {
            return invalid("keyData gives both duration and end; give one of them");
        }
        Instant start = now;
        if (startNode != null && !startNode.isNull()) {
            Instant parsed = parseTime(startNode);
            if (parsed == null) {
                return invalid("keyData.start must be an RFC 3339 date-time such as 2025-02-01T00:00:00.000Z, got " + startNode);
            }
            start = parsed.truncatedTo(ChronoUnit.SECONDS);
        }
        Instant end;
        if (hasDuration) {
            if (!duration.isIntegralNumber() || !duration.canConvertToLong()) {
                return invalid("keyData.duration must be a whole number of seconds, got " + duration);
            }
            if (duration.longValue() <= 0) {
                return invalid("keyData.duration must be positive, got " + duration.longValue());
            }
            end = start.plusSeconds(Math.min(duration.longValue(), 10L * 366 * 86400));
        } else if (hasEnd) {
            Instant parsed = parseTime(endNode);
            if (parsed == null) {
                return invalid("keyData.end must be an RFC 3339 date-time such as 2025-02-01T00:00:00.000Z, got " + endNode);
            }
            end = parsed.truncatedTo(ChronoUnit.SECONDS);
            if (!end.isAfter(now)) {
                return invalid("keyData.end " + endNode.textValue() + " is in the past");
            }
            if (!end.isAfter(start)) {
                return invalid("keyData.end " + endNode.textValue() + " is not after the start " + start);
            }
        } else {
            end = start.plusSeconds(request.defaultDurationSeconds());
        }
        if (!end.isAfter(now)) {
            return invalid("keyData.end " + end + " is in the past");
        }
        // The maximum bounds how long the key can be used, so it counts from now when the window started earlier:
        // counting it from a start long past would grant a key that has already expired.
        Instant usableFrom = start.isAfter(now) ? start : now;
        Duration max = Duration.ofSeconds(request.maxDurationSeconds());
        if (Duration.between(usableFrom, end).compareTo(max) > 0) {
            Instant clamped = usableFrom.plus(max);
            return new Granted(start, clamped, "key window of " + Duration.between(usableFrom, end).getSeconds()
                    + " s clamped to the project maximum of " + max.getSeconds() + " s");
        }
        return new Granted(start, end, null);
    }

    private static Instant parseTime(JsonNode node) {
        return node.isTextual() ? JsonTime.parseRfc3339(node.textValue()).orElse(null) : null;
    }

    /** Whether a Content-Type names JSON ({@code application/json} or {@code application/*+json}), parameters ignored. */
    public static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private static Failed invalid(String rule) {
        return new Failed(Outcome.INVALID_RESPONSE, rule);
    }
}
