package dev.odksim.key;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The Unloc key states, and how a key's state follows from what is stored and the clock. Stored are only the states
 * time cannot tell: {@code creating} (reserved, not yet signed), {@code issued}, {@code revoked}, {@code error}; an
 * issued key is {@code scheduled}, {@code active} or {@code expired} by its window and the one clock.
 */
public enum KeyState {
    CREATING, SCHEDULED, ACTIVE, EXPIRED, REVOKED, ERROR;

    /** Stored value of a key whose state is decided by its window: scheduled, active or expired. */
    static final String ISSUED = "issued";
    static final String STORED_CREATING = "creating";
    static final String STORED_REVOKED = "revoked";
    static final String STORED_ERROR = "error";

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<KeyState> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst();
    }

    public static KeyState of(AccessKey key, Instant now) {
        switch (key.state) {
            case STORED_REVOKED:
                return REVOKED;
            case STORED_ERROR:
                return ERROR;
            case STORED_CREATING:
                return CREATING;
            default:
                if (now.isBefore(key.start)) {
                    return SCHEDULED;
                }
                return now.isBefore(key.end) ? ACTIVE : EXPIRED;
        }
    }
}
