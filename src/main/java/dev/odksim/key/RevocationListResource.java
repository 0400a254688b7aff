package dev.odksim.key;

import dev.odksim.project.ProjectService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import java.util.Map;

/**
 * The lock API: what the platform publishes for its (mostly offline) locks, relayed by phones. Public like the JWKS:
 * it is signed, and key ids are no secret.
 */
@Path("/api/lock/v1/locks/{lockId}/revocations")
public class RevocationListResource {

    @Inject
    KeyRevocations revocations;
    @Inject
    ProjectService projects;

    @GET
    @Produces("application/json")
    public Map<String, String> revocationList(@PathParam("lockId") String lockId) {
        projects.lock(lockId);
        return Map.of("revocationList", revocations.revocationList(lockId));
    }
}
