package dev.odksim.key;

import dev.odksim.project.ProjectService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/**
 * The lock API: what the platform publishes for its (mostly offline) locks, relayed by phones. Public like the JWKS:
 * it is signed, and key ids are no secret.
 */
@Path("/api/lock/v1/locks/{lockId}/revocations")
@Tag(name = "virtual-locks")
public class RevocationListResource {

    @Inject
    KeyRevocations revocations;
    @Inject
    ProjectService projects;

    /** The lock's signed revocation list (a compact JWS whose {@code revoked} claim lists key ids). */
    public record RevocationList(@Schema(required = true) String revocationList) {
    }

    @GET
    @Produces("application/json")
    @Operation(operationId = "getRevocationList", summary = "A lock's signed revocation list")
    public RevocationList revocationList(@PathParam("lockId") String lockId) {
        projects.lock(lockId);
        return new RevocationList(revocations.revocationList(lockId));
    }
}
