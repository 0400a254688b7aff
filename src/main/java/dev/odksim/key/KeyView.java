package dev.odksim.key;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A key as the app and admin APIs show it (docs/api.md); {@code token} is the compact JWS of docs/design.md §7.2 (absent while
 * creating or after an error). {@code deviceBound}: the key carries {@code cnf.jwk} and needs a signed lock challenge.
 */
public record KeyView(String id, String lockId, String appUserId, Instant start, Instant end, String state,
                      String source, String decisionId, String token, boolean deviceBound,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Instant revokedAt,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String revokedReason) {

    public static KeyView of(AccessKey key, Instant now) {
        return new KeyView(key.id, key.lockId, key.appUserId, key.start, key.end, KeyState.of(key, now).wire(),
                key.source, key.decisionId, key.token, key.cnfJwk != null, key.revokedAt, key.revokedReason);
    }
}
