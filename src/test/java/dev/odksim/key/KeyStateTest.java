package dev.odksim.key;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** How a key's state follows from its stored state, its window and the clock. */
class KeyStateTest {

    private static final Instant START = Instant.parse("2025-02-01T00:00:00Z");
    private static final Instant END = Instant.parse("2025-02-01T00:30:00Z");

    private static AccessKey key(String stored) {
        AccessKey key = new AccessKey();
        key.state = stored;
        key.start = START;
        key.end = END;
        return key;
    }

    @Test
    void anIssuedKeyIsScheduledActiveThenExpiredAtItsBoundaries() {
        assertThat(KeyState.of(key("issued"), START.minusMillis(1))).isEqualTo(KeyState.SCHEDULED);
        assertThat(KeyState.of(key("issued"), START)).isEqualTo(KeyState.ACTIVE);
        assertThat(KeyState.of(key("issued"), END.minusMillis(1))).isEqualTo(KeyState.ACTIVE);
        assertThat(KeyState.of(key("issued"), END)).isEqualTo(KeyState.EXPIRED);
    }

    @Test
    void storedStatesWinOverTheWindow() {
        for (Instant now : new Instant[]{START.minusSeconds(1), START, END}) {
            assertThat(KeyState.of(key("revoked"), now)).isEqualTo(KeyState.REVOKED);
            assertThat(KeyState.of(key("error"), now)).isEqualTo(KeyState.ERROR);
            assertThat(KeyState.of(key("creating"), now)).isEqualTo(KeyState.CREATING);
        }
    }

    @Test
    void wireNamesAreTheUnlocStates() {
        assertThat(KeyState.fromWire("scheduled")).contains(KeyState.SCHEDULED);
        assertThat(KeyState.fromWire("issued")).isEmpty();
    }
}
