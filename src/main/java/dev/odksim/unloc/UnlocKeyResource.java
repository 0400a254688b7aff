package dev.odksim.unloc;

import dev.odksim.unloc.UnlocKeyDtos.Accepted;
import dev.odksim.unloc.UnlocKeyDtos.JobView;
import dev.odksim.unloc.UnlocKeyDtos.KeyList;
import dev.odksim.unloc.UnlocKeyDtos.NewKeys;
import dev.odksim.unloc.UnlocKeyDtos.Revoked;
import dev.odksim.unloc.UnlocKeyDtos.UnlocKey;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Unloc's key endpoints on the one key store: batch create (202 + job), jobs, listing, one key, revocation. */
@UnlocProjectAuth
@Path("/v2/projects/{projectId}")
@Tag(name = "Unloc v2")
@SecurityRequirement(name = "unlocBearer")
@APIResponse(responseCode = "401", content = @Content(mediaType = "application/problem+json"))
@APIResponse(responseCode = "403", content = @Content(mediaType = "application/problem+json"))
public class UnlocKeyResource {

    @Inject
    UnlocKeyService keys;

    @POST
    @Path("keys")
    @Operation(operationId = "createUnlocKeys", summary = "Create a batch of keys; validated whole, provisioned asynchronously")
    @APIResponse(responseCode = "202", description = "Accepted: every key is creating; poll the job",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = "application/problem+json"))
    public Response create(@PathParam("projectId") String projectId, NewKeys body) {
        return Response.accepted(new Accepted(keys.create(projectId, body))).build();
    }

    @GET
    @Path("jobs/{jobRef}")
    @Operation(operationId = "getUnlocJob", summary = "The state of a batch and of each of its keys")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
    public JobView job(@PathParam("projectId") String projectId, @PathParam("jobRef") String jobRef) {
        return keys.job(projectId, jobRef);
    }

    @GET
    @Path("keys")
    @Operation(operationId = "getUnlocKeys", summary = "List keys in creation order, paged by startAfterId and limit (max 2500)")
    @APIResponse(responseCode = "200", description = "A page of keys",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = KeyList.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = "application/problem+json"))
    public KeyList list(@PathParam("projectId") String projectId, @QueryParam("appUserId") String appUserId,
                        @QueryParam("lockId") String lockId, @QueryParam("excludeStates") String excludeStates,
                        @QueryParam("limit") String limit, @QueryParam("startAfterId") String startAfterId) {
        return keys.list(projectId, appUserId, lockId, excludeStates, limit, startAfterId);
    }

    @GET
    @Path("keys/{keyId}")
    @Operation(operationId = "getUnlocKey", summary = "Get one key")
    @APIResponse(responseCode = "200", description = "The key",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = UnlocKey.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
    public UnlocKey one(@PathParam("projectId") String projectId, @PathParam("keyId") String keyId) {
        return keys.one(projectId, keyId);
    }

    @DELETE
    @Path("keys/{keyId}")
    @Operation(operationId = "revokeUnlocKey", summary = "Revoke one key (it is kept, in state revoked)")
    @APIResponse(responseCode = "200", description = "The revoked key",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = Revoked.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", content = @Content(mediaType = "application/problem+json"))
    public Revoked revoke(@PathParam("projectId") String projectId, @PathParam("keyId") String keyId) {
        return new Revoked(keys.revoke(projectId, keyId));
    }

    @DELETE
    @Path("keys")
    @Operation(operationId = "revokeUnlocKeys", summary = "Revoke every creating, scheduled or active key of an app user and/or lock")
    @APIResponse(responseCode = "200", description = "The revoked keys",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = Revoked.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = "application/problem+json"))
    public Revoked revokeAll(@PathParam("projectId") String projectId, @QueryParam("appUserId") String appUserId,
                             @QueryParam("lockId") String lockId) {
        return new Revoked(keys.revokeAll(projectId, appUserId, lockId));
    }
}
