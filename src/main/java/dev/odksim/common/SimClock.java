package dev.odksim.common;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock every time decision goes through (docs/design.md §4). Time travel shifts it by an offset so a
 * tester can watch a key expire without waiting.
 */
@ApplicationScoped
public class SimClock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Now, shifted by the time-travel offset, at millisecond precision (the wire precision). */
    public Instant now() {
        return Instant.now().plus(offset.get()).truncatedTo(ChronoUnit.MILLIS);
    }

    public Duration offset() {
        return offset.get();
    }

    public void setOffset(Duration value) {
        offset.set(value);
    }
}
