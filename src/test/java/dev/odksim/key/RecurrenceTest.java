package dev.odksim.key;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Recurrence spans are wall time in the lock's zone, also on the days the clocks change. */
class RecurrenceTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private final Recurrence sundayMorning = new Recurrence(List.of(new Recurrence.Span(DayOfWeek.SUNDAY, 8 * 60, 9 * 60)));

    private static Instant oslo(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(OSLO).toInstant();
    }

    @Test
    void spanIsLocalWallTimeOnBothSidesOfTheSpringChange() {
        // 2027-03-28 is the Sunday Norway moves from UTC+1 to UTC+2.
        assertThat(sundayMorning.allows(oslo("2027-03-21T08:30"), OSLO)).isTrue();
        assertThat(sundayMorning.allows(oslo("2027-03-28T08:30"), OSLO)).isTrue();
        assertThat(Instant.parse("2027-03-28T06:30:00Z")).isEqualTo(oslo("2027-03-28T08:30"));
        assertThat(sundayMorning.allows(Instant.parse("2027-03-28T07:30:00Z"), OSLO)).as("09:30 local").isFalse();
        assertThat(sundayMorning.allows(Instant.parse("2027-03-28T05:30:00Z"), OSLO)).as("07:30 local").isFalse();
    }

    @Test
    void endIsExclusiveAndOtherDaysAreOutside() {
        assertThat(sundayMorning.allows(oslo("2027-03-21T08:00"), OSLO)).isTrue();
        assertThat(sundayMorning.allows(oslo("2027-03-21T09:00"), OSLO)).isFalse();
        assertThat(sundayMorning.allows(oslo("2027-03-20T08:30"), OSLO)).isFalse();
    }

    @Test
    void claimInUnlocShapeIsReadAndAnythingElseIsNot() {
        Map<String, Object> claim = Map.of("timeSpans", List.of(Map.of("weekday", "sun", "startHour", 8L, "startMinute", 0L,
                "endHour", 9L, "endMinute", 0L)));
        assertThat(Recurrence.fromClaim(claim)).contains(sundayMorning);
        assertThat(Recurrence.fromClaim(Map.of("timeSpans", List.of(Map.of("weekday", "sunday"))))).isEmpty();
        assertThat(Recurrence.fromClaim("sun 8-9")).isEmpty();
    }
}
