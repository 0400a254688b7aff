package dev.odksim.key;

import java.time.Instant;

/** A key as the app and admin APIs show it (API.md); {@code token} is the compact JWS of DESIGN.md §7.2. */
public record KeyView(String id, String lockId, String appUserId, Instant start, Instant end, String state,
                      String source, String decisionId, String token) {

    public static KeyView of(AccessKey key, Instant now) {
        return new KeyView(key.id, key.lockId, key.appUserId, key.start, key.end, KeyState.of(key, now).wire(),
                key.source, key.decisionId, key.token);
    }
}
