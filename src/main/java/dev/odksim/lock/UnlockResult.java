package dev.odksim.lock;

/** A virtual lock's answer to a presented key. */
public sealed interface UnlockResult {

    record Unlocked(String keyId) implements UnlockResult {
    }

    /** {@code reason} is a stable code (e.g. EXPIRED, WRONG_LOCK); {@code detail} says it in words. */
    record Refused(String reason, String detail) implements UnlockResult {
    }
}
