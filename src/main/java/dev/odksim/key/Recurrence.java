package dev.odksim.key;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Unloc's key recurrence (docs/unloc-api.md): weekly spans of local wall time, read in the lock's time zone, so a span
 * "mon 08:00-16:00" stays 08:00-16:00 on the door across daylight-saving changes. A key carries it in its JWS claim
 * {@code recurrence}; the offline virtual lock checks it with {@link #allows}.
 */
public record Recurrence(List<Span> timeSpans) {

    /** Minutes of the day: {@code start} inclusive, {@code end} exclusive ({@code 24:00} = 1440, the end of the day). */
    public record Span(DayOfWeek weekday, int startMinuteOfDay, int endMinuteOfDay) {
    }

    /** The wire name of a weekday: the first three letters in lower case ({@code mon} ... {@code sun}). */
    public static String wire(DayOfWeek day) {
        return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }

    public static Optional<DayOfWeek> weekday(String wire) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (wire(day).equals(wire)) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code at}, as wall time in {@code zone}, falls inside one of the spans. */
    public boolean allows(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        int minute = local.getHour() * 60 + local.getMinute();
        return timeSpans.stream().anyMatch(s -> s.weekday() == local.getDayOfWeek()
                && minute >= s.startMinuteOfDay() && minute < s.endMinuteOfDay());
    }

    /**
     * The recurrence in a key's claim ({@code {"timeSpans":[{"weekday","startHour","startMinute","endHour","endMinute"}]}}),
     * as signed by the platform; empty when it is not in that shape (the lock then refuses the key as malformed).
     */
    public static Optional<Recurrence> fromClaim(Object claim) {
        if (!(claim instanceof Map<?, ?> map) || !(map.get("timeSpans") instanceof List<?> spans) || spans.isEmpty()) {
            return Optional.empty();
        }
        List<Span> parsed = new ArrayList<>();
        for (Object item : spans) {
            if (!(item instanceof Map<?, ?> span) || !(span.get("weekday") instanceof String day) || weekday(day).isEmpty()
                    || !(span.get("startHour") instanceof Number sh) || !(span.get("startMinute") instanceof Number sm)
                    || !(span.get("endHour") instanceof Number eh) || !(span.get("endMinute") instanceof Number em)) {
                return Optional.empty();
            }
            parsed.add(new Span(weekday(day).get(), sh.intValue() * 60 + sm.intValue(), eh.intValue() * 60 + em.intValue()));
        }
        return Optional.of(new Recurrence(List.copyOf(parsed)));
    }
}
