package dev.odksim.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When the next attempt of a failed delivery is due: 5 s, 30 s, 2 min, 10 min, 1 h after the 1st to 5th failure, then
 * every 6 h, each stretched by up to 20 % of jitter so many deliveries failing together do not retry together. A longer
 * {@code Retry-After} from the receiver wins (at most 6 h).
 */
final class RetrySchedule {

    static final List<Duration> STEPS = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(10), Duration.ofHours(1));
    static final Duration THEN = Duration.ofHours(6);
    static final double JITTER = 0.2;

    private RetrySchedule() {
    }

    /** @param failures failed attempts so far (at least 1); @param retryAfter the receiver's wish, or null */
    static Duration delay(int failures, Duration retryAfter, DoubleSupplier random) {
        Duration base = failures <= STEPS.size() ? STEPS.get(Math.max(failures, 1) - 1) : THEN;
        Duration jittered = Duration.ofMillis(Math.round(base.toMillis() * (1 + JITTER * random.getAsDouble())));
        if (retryAfter != null && retryAfter.compareTo(jittered) > 0) {
            return retryAfter.compareTo(THEN) > 0 ? THEN : retryAfter;
        }
        return jittered;
    }

    /** RFC 9110 §10.2.3: delay-seconds or an HTTP-date (read against {@code now}, the receiver's real time). */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.of(THEN);
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
