package dev.odksim.key;

import java.time.Instant;

/** The Unloc key states, and how a key's state follows from what is stored and the clock. */
public enum KeyState {
    CREATING, SCHEDULED, ACTIVE, EXPIRED, REVOKED, ERROR;

    /** Stored value of a key whose state is decided by its window: scheduled, active or expired. */
    static final String ISSUED = "issued";

    public String wire() {
        return name().toLowerCase();
    }

    public static KeyState of(AccessKey key, Instant now) {
        switch (key.state) {
            case "revoked":
                return REVOKED;
            case "error":
                return ERROR;
            case "creating":
                return CREATING;
            default:
                if (now.isBefore(key.start)) {
                    return SCHEDULED;
                }
                return now.isBefore(key.end) ? ACTIVE : EXPIRED;
        }
    }
}
