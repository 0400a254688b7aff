package dev.odksim.key;

import dev.odksim.common.AdminOnly;
import dev.odksim.common.QueryLimit;
import dev.odksim.common.PhoneNumbers;
import dev.odksim.common.ProblemException;
import dev.odksim.project.ProjectService;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Admin API: a project's keys: listing (filtered, paginated), assigned-key batches, revocation. */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/keys")
public class KeyAdminResource {

    private static final int MAX_LIMIT = 1000;

    @Inject
    KeyService keys;
    @Inject
    AssignedKeys assigned;
    @Inject
    KeyRevocations revocations;
    @Inject
    ProjectService projects;

    public record Batch(List<AssignedKeys.Entry> keys) {
    }

    public record Revocation(String reason) {
    }

    /** Keys in id order; {@code nextStartAfterId} is present when a full page was returned (there may be more). */
    @GET
    public Map<String, Object> list(@PathParam("projectId") String projectId, @QueryParam("appUserId") String appUserId,
                                    @QueryParam("lockId") String lockId, @QueryParam("state") String state,
                                    @QueryParam("limit") String limit, @QueryParam("startAfterId") String startAfterId) {
        projects.project(projectId);
        String user = appUserId == null ? null : PhoneNumbers.require("appUserId", appUserId);
        KeyState wanted = state == null ? null : KeyState.fromWire(state)
                .orElseThrow(() -> ProblemException.badRequest("state", "must be one of creating, scheduled, active, expired, revoked, error"));
        int pageSize = QueryLimit.parse(limit, MAX_LIMIT, MAX_LIMIT);
        List<AccessKey> page = keys.page(projectId, user, lockId, wanted, startAfterId, pageSize);
        Instant now = keys.now();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("keys", page.stream().map(k -> KeyView.of(k, now)).toList());
        if (page.size() == pageSize) {
            answer.put("nextStartAfterId", page.get(page.size() - 1).id);
        }
        return answer;
    }

    @GET
    @Path("{keyId}")
    public KeyView one(@PathParam("projectId") String projectId, @PathParam("keyId") String keyId) {
        projects.project(projectId);
        return keys.keyOfProject(projectId, keyId).map(k -> KeyView.of(k, keys.now())).orElseThrow(() -> ProblemException.notFound("Key", keyId));
    }

    /** Unloc's batch shape {@code {"keys":[{lockId, appUserId, start?, end?}]}}; all created or none (400 naming each bad entry). */
    @POST
    public Response create(@PathParam("projectId") String projectId, Batch body) {
        projects.project(projectId);
        List<AccessKey> created = assigned.create(projectId, body == null ? null : body.keys());
        Instant now = keys.now();
        return Response.status(201).entity(Map.of("keys", created.stream().map(k -> KeyView.of(k, now)).toList())).build();
    }

    @POST
    @Path("{keyId}/revoke")
    public KeyView revoke(@PathParam("projectId") String projectId, @PathParam("keyId") String keyId, Revocation body) {
        projects.project(projectId);
        return KeyView.of(revocations.revoke(projectId, keyId, body == null ? null : body.reason()), keys.now());
    }

    /** Same as revoke: a key is never deleted, DELETE changes its state to revoked (as Unloc's API does). */
    @DELETE
    @Path("{keyId}")
    public KeyView delete(@PathParam("projectId") String projectId, @PathParam("keyId") String keyId) {
        return revoke(projectId, keyId, null);
    }
}
