package dev.odksim.key;

import dev.odksim.common.AdminOnly;
import dev.odksim.common.QueryLimit;
import dev.odksim.common.PhoneNumbers;
import dev.odksim.common.ProblemException;
import dev.odksim.project.ProjectService;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API: a project's keys: listing (filtered, paginated), assigned-key batches, revocation. */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/keys")
@Tag(name = "keys-admin")
@SecurityRequirement(name = "adminBearer")
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

    /** A page of keys in id order; {@code nextStartAfterId} is present when a full page was returned (there may be more). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyPage(@Schema(required = true) List<KeyView> keys, String nextStartAfterId) {
    }

    /** The keys of an assigned-key batch, all created. */
    public record KeyBatch(@Schema(required = true) List<KeyView> keys) {
    }

    /** Keys in id order; {@code nextStartAfterId} is present when a full page was returned (there may be more). */
    @GET
    @Operation(operationId = "listKeys", summary = "A project's keys, filtered and paginated")
    public KeyPage list(@PathParam("projectId") String projectId, @QueryParam("appUserId") String appUserId,
                                    @QueryParam("lockId") String lockId, @QueryParam("state") String state,
                                    @QueryParam("limit") String limit, @QueryParam("startAfterId") String startAfterId) {
        projects.project(projectId);
        String user = appUserId == null ? null : PhoneNumbers.require("appUserId", appUserId);
        KeyState wanted = state == null ? null : KeyState.fromWire(state)
                .orElseThrow(() -> ProblemException.badRequest("state", "must be one of creating, scheduled, active, expired, revoked, error"));
        int pageSize = QueryLimit.parse(limit, MAX_LIMIT, MAX_LIMIT);
        List<AccessKey> page = keys.page(projectId, user, lockId, wanted, startAfterId, pageSize);
        Instant now = keys.now();
        return new KeyPage(page.stream().map(k -> KeyView.of(k, now)).toList(),
                page.size() == pageSize ? page.get(page.size() - 1).id : null);
    }

    @GET
    @Path("{keyId}")
    @Operation(operationId = "getKey", summary = "One key of a project")
    public KeyView one(@PathParam("projectId") String projectId, @PathParam("keyId") String keyId) {
        projects.project(projectId);
        return keys.keyOfProject(projectId, keyId).map(k -> KeyView.of(k, keys.now())).orElseThrow(() -> ProblemException.notFound("Key", keyId));
    }

    /** Unloc's batch shape {@code {"keys":[{lockId, appUserId, start?, end?}]}}; all created or none (400 naming each bad entry). */
    @POST
    @Operation(operationId = "createAssignedKeys", summary = "Create a batch of assigned keys (all or none)")
    @APIResponse(responseCode = "201", description = "The keys, all created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = KeyBatch.class)))
    public Response create(@PathParam("projectId") String projectId, Batch body) {
        projects.project(projectId);
        List<AccessKey> created = assigned.create(projectId, body == null ? null : body.keys());
        Instant now = keys.now();
        return Response.status(201).entity(new KeyBatch(created.stream().map(k -> KeyView.of(k, now)).toList())).build();
    }

    @POST
    @Path("{keyId}/revoke")
    @Operation(operationId = "revokeKey", summary = "Revoke a key")
    public KeyView revoke(@PathParam("projectId") String projectId, @PathParam("keyId") String keyId, Revocation body) {
        projects.project(projectId);
        return KeyView.of(revocations.revoke(projectId, keyId, body == null ? null : body.reason()), keys.now());
    }

    /** Same as revoke: a key is never deleted, DELETE changes its state to revoked (as Unloc's API does). */
    @DELETE
    @Path("{keyId}")
    @Operation(operationId = "deleteKey", summary = "Revoke a key (keys are never deleted)")
    public KeyView delete(@PathParam("projectId") String projectId, @PathParam("keyId") String keyId) {
        return revoke(projectId, keyId, null);
    }
}
