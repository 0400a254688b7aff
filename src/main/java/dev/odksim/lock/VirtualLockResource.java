package dev.odksim.lock;

import dev.odksim.common.OdkConfig;
import dev.odksim.common.ProblemException;
import dev.odksim.common.Reason;
import dev.odksim.lock.UnlockResult.Refused;
import dev.odksim.project.ProjectService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The virtual lock's "radio" (docs/api.md): a phone asks for a challenge, presents a key (and for a device-bound key the
 * signed challenge), the lock answers unlocked or refused. A sync makes the lock take in the platform's JWKS and
 * revocation list now, as if a phone had just relayed them.
 */
@Path("/api/sim/v1/locks/{lockId}")
@Tag(name = "virtual-locks")
public class VirtualLockResource {

    @Inject
    VirtualLockService locks;
    @Inject
    AttemptLimiter limiter;
    @Inject
    ProjectService projects;
    @Inject
    OdkConfig config;

    /**
     * docs/security.md finding 4: these endpoints need no token, so attempts are bounded per client address (first,
     * so unknown lock ids cost nothing) and per lock.
     */
    private void countAttempt(String lockId, HttpServerRequest request) {
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        limiter.take("address:" + address, config.limits().addressAttemptsPerMinute(), "from one client address");
        projects.lock(lockId);
        limiter.take("lock:" + lockId, config.limits().lockAttemptsPerMinute(), "at one lock");
    }

    /** {@code proof}: compact JWS by the device key over {@code {nonce, aud: lockId}}, for keys carrying cnf. */
    public record UnlockRequest(@Schema(required = true, maxLength = 16384) String key, @Schema(maxLength = 4096) String proof) {
    }

    /** The lock opened for this key. */
    @Schema(requiredProperties = {"result", "keyId"})
    public record Unlocked(@Schema(required = true, enumeration = "unlocked") String result, @Schema(required = true) String keyId) {
    }

    /** The lock refused; {@code reason} is a code of docs/reasons.md. */
    @Schema(requiredProperties = {"result", "reason", "detail"})
    public record Refusal(@Schema(required = true, enumeration = "refused") String result, @Schema(required = true) Reason reason,
                          @Schema(required = true) String detail) {
    }

    /** What the lock took in: when, the revoked key ids and the signing key ids it now trusts. */
    public record Synced(String lockId, Instant syncedAt, Set<String> revokedKeyIds, List<String> trustedKids) {
    }

    @POST
    @Path("unlock")
    @Operation(operationId = "unlockLock", summary = "Present a key to a virtual lock")
    @APIResponse(responseCode = "200", description = "The lock opened",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Unlocked.class),
            examples = {@ExampleObject(name = "unlocked", value = "{\"result\":\"unlocked\",\"keyId\":\"key-7Hq2\"}")}))
    @APIResponse(responseCode = "403", description = "The lock refused the key",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Refusal.class),
            examples = {@ExampleObject(name = "expired", value = "{\"result\":\"refused\",\"reason\":\"EXPIRED\",\"detail\":\"The key expired at 2026-03-02T16:00:00Z\"}")}))
    public Response unlock(@PathParam("lockId") String lockId, UnlockRequest body, @Context HttpServerRequest request) {
        countAttempt(lockId, request);
        if (body == null || body.key() == null || body.key().isBlank()) {
            throw ProblemException.badRequest("key", "is required: the key's token (compact JWS)");
        }
        if (body.key().length() > 16384) {
            throw ProblemException.badRequest("key", "is too long (at most 16384 characters)");
        }
        if (body.proof() != null && body.proof().length() > 4096) {
            throw ProblemException.badRequest("proof", "is too long (at most 4096 characters)");
        }
        UnlockResult result = locks.unlock(lockId, body.key().strip(), body.proof());
        if (result instanceof Refused refused) {
            return Response.status(403).entity(new Refusal("refused", Reason.valueOf(refused.reason()), refused.detail())).build();
        }
        return Response.ok(new Unlocked("unlocked", ((UnlockResult.Unlocked) result).keyId())).build();
    }

    @POST
    @Path("challenge")
    @Operation(operationId = "getLockChallenge", summary = "A single-use challenge for a device-bound key")
    public LockChallenges.Challenge challenge(@PathParam("lockId") String lockId, @Context HttpServerRequest request) {
        countAttempt(lockId, request);
        return locks.challenge(lockId);
    }

    @POST
    @Path("sync")
    @Operation(operationId = "syncLock", summary = "Make the lock take in the JWKS and revocation list now")
    public Synced sync(@PathParam("lockId") String lockId) {
        LockSync.Memory memory = locks.sync(lockId);
        return new Synced(lockId, memory.syncedAt(), memory.revoked(),
                memory.jwks().getKeys().stream().map(k -> k.getKeyID()).toList());
    }
}
