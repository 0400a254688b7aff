package dev.odksim.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The backoff of docs/webhooks.md: the schedule, its jitter bounds, and Retry-After. */
class RetryScheduleTest {

    @Test
    void theScheduleIs5s30s2m10m1hThenEvery6hStretchedByAtMost20Percent() {
        long[] seconds = {5, 30, 120, 600, 3600, 21600, 21600};
        for (int failures = 1; failures <= seconds.length; failures++) {
            Duration least = RetrySchedule.delay(failures, null, () -> 0.0);
            Duration most = RetrySchedule.delay(failures, null, () -> 0.999999);
            assertThat(least).isEqualTo(Duration.ofSeconds(seconds[failures - 1]));
            assertThat(most).isLessThanOrEqualTo(Duration.ofMillis(Math.round(seconds[failures - 1] * 1200.0)))
                    .isGreaterThan(least);
        }
    }

    @Test
    void aLongerRetryAfterWinsUpToSixHoursAShorterOneDoesNotShortenTheBackoff() {
        assertThat(RetrySchedule.delay(1, Duration.ofMinutes(15), () -> 0.5)).isEqualTo(Duration.ofMinutes(15));
        assertThat(RetrySchedule.delay(1, Duration.ofDays(2), () -> 0.5)).isEqualTo(Duration.ofHours(6));
        assertThat(RetrySchedule.delay(3, Duration.ofSeconds(1), () -> 0.0)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");
        assertThat(RetrySchedule.retryAfter("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetrySchedule.retryAfter(" 7 ", now)).contains(Duration.ofSeconds(7));
        assertThat(RetrySchedule.retryAfter("Mon, 30 Nov 2026 10:05:00 GMT", now)).contains(Duration.ofMinutes(5));
        assertThat(RetrySchedule.retryAfter("Mon, 30 Nov 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetrySchedule.retryAfter("99999999999999999999999", now)).contains(RetrySchedule.THEN);
        assertThat(RetrySchedule.retryAfter("soon", now)).isEqualTo(Optional.empty());
        assertThat(RetrySchedule.retryAfter("-5", now)).isEqualTo(Optional.empty());
        assertThat(RetrySchedule.retryAfter(null, now)).isEqualTo(Optional.empty());
    }
}
