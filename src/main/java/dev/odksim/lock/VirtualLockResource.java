package dev.odksim.lock;

import dev.odksim.common.ProblemException;
import dev.odksim.lock.UnlockResult.Refused;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** The virtual lock's "radio": a phone presents a key, the lock answers unlocked or refused (API.md). */
@Path("/api/sim/v1/locks/{lockId}/unlock")
public class VirtualLockResource {

    @Inject
    VirtualLockService locks;

    public record UnlockRequest(String key) {
    }

    @POST
    public Response unlock(@PathParam("lockId") String lockId, UnlockRequest body) {
        if (body == null || body.key() == null || body.key().isBlank()) {
            throw ProblemException.badRequest("key", "is required: the key's token (compact JWS)");
        }
        UnlockResult result = locks.unlock(lockId, body.key().strip());
        if (result instanceof Refused refused) {
            return Response.status(403).entity(Map.of("result", "refused", "reason", refused.reason(), "detail", refused.detail())).build();
        }
        return Response.ok(Map.of("result", "unlocked", "keyId", ((UnlockResult.Unlocked) result).keyId())).build();
    }
}
