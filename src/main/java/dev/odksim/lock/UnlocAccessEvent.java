package dev.odksim.lock;

import java.time.Instant;

/**
 * A successful unlock in the shape of Unloc's Access Event: the one payload of both the {@code /v2} access log and the
 * access-event webhooks, so the two can never disagree. {@code userName} is null: the simulator knows app users only
 * by phone number (see docs/fidelity.md).
 */
public record UnlocAccessEvent(String id, String action, Instant created, String keyId, String lockId, String lockName,
                               String appUserId, String userName) {

    /** The only action the simulator's locks report as an Access Event; refusals stay in the simulator's own log. */
    public static final String UNLOCKED = "unlocked";

    public static UnlocAccessEvent of(AccessEvent event, String lockName) {
        return new UnlocAccessEvent(event.id, UNLOCKED, event.at, event.keyId, event.lockId, lockName, event.appUserId, null);
    }
}
