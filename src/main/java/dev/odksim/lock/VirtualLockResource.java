package dev.odksim.lock;

import dev.odksim.common.OdkConfig;
import dev.odksim.common.ProblemException;
import dev.odksim.lock.UnlockResult.Refused;
import dev.odksim.project.ProjectService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * The virtual lock's "radio" (docs/api.md): a phone asks for a challenge, presents a key (and for a device-bound key the
 * signed challenge), the lock answers unlocked or refused. A sync makes the lock take in the platform's JWKS and
 * revocation list now, as if a phone had just relayed them.
 */
@Path("/api/sim/v1/locks/{lockId}")
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
    public record UnlockRequest(String key, String proof) {
    }

    @POST
    @Path("unlock")
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
            return Response.status(403).entity(Map.of("result", "refused", "reason", refused.reason(), "detail", refused.detail())).build();
        }
        return Response.ok(Map.of("result", "unlocked", "keyId", ((UnlockResult.Unlocked) result).keyId())).build();
    }

    @POST
    @Path("challenge")
    public LockChallenges.Challenge challenge(@PathParam("lockId") String lockId, @Context HttpServerRequest request) {
        countAttempt(lockId, request);
        return locks.challenge(lockId);
    }

    @POST
    @Path("sync")
    public Map<String, Object> sync(@PathParam("lockId") String lockId) {
        LockSync.Memory memory = locks.sync(lockId);
        return Map.of("lockId", lockId, "syncedAt", memory.syncedAt(), "revokedKeyIds", memory.revoked(),
                "trustedKids", memory.jwks().getKeys().stream().map(k -> k.getKeyID()).toList());
    }
}
