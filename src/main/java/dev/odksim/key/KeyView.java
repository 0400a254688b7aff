package dev.odksim.key;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * A key as the app and admin APIs show it (docs/api.md); {@code token} is the compact JWS of docs/design.md §7.2 (absent while
 * creating or after an error). {@code deviceBound}: the key carries {@code cnf.jwk} and needs a signed lock challenge.
 */
@Schema(requiredProperties = {"id", "lockId", "appUserId", "start", "end", "state", "source", "decisionId", "token", "deviceBound"})
public record KeyView(@Schema(required = true) String id, @Schema(required = true) String lockId,
                      @Schema(required = true) String appUserId, @Schema(required = true) Instant start,
                      @Schema(required = true) Instant end, @Schema(required = true) KeyState state,
                      @Schema(required = true, enumeration = {"on-demand", "assigned"}) String source,
                      @Schema(required = true, nullable = true, description = "The decision that granted it (on-demand keys)") String decisionId,
                      @Schema(required = true, nullable = true, description = "The compact JWS; null while creating or after an error") String token,
                      @Schema(required = true) boolean deviceBound,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Instant revokedAt,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String revokedReason) {

    public static KeyView of(AccessKey key, Instant now) {
        return new KeyView(key.id, key.lockId, key.appUserId, key.start, key.end, KeyState.of(key, now),
                key.source, key.decisionId, key.token, key.cnfJwk != null, key.revokedAt, key.revokedReason);
    }
}
