package dev.odksim.unloc;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.odksim.common.ProblemException;
import dev.odksim.project.Lock;
import dev.odksim.project.ProjectService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** Unloc's lock endpoints: a project's locks, paged, with their time zones. */
@UnlocProjectAuth
@Path("/v2/projects/{projectId}/locks")
@Tag(name = "Unloc v2")
@SecurityRequirement(name = "unlocBearer")
@APIResponse(responseCode = "401", content = @Content(mediaType = "application/problem+json"))
@APIResponse(responseCode = "403", content = @Content(mediaType = "application/problem+json"))
public class UnlocLockResource {

    @Inject
    ProjectService projects;

    /** A lock in Unloc's shape; {@code vendor} is {@code virtual} for the simulator's locks. */
    @Schema(name = "UnlocLock")
    public record UnlocLock(@Schema(required = true) String id, @Schema(required = true) String name,
                            @Schema(required = true) Instant created, @Schema(required = true, examples = "virtual") String vendor,
                            @Schema(required = true, examples = "Europe/Oslo") String timezone) {
        static UnlocLock of(Lock l) {
            return new UnlocLock(l.id, l.name, l.createdAt, l.vendor, l.timezone);
        }

        /** The lock as seen through {@code projectId}'s token: another project's lock is not found. */
        static UnlocLock inProject(Lock l, String projectId) {
            if (!l.projectId.equals(projectId)) {
                throw ProblemException.notFound("Lock", l.id);
            }
            return of(l);
        }
    }

    @Schema(name = "UnlocLockList")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LockList(@Schema(required = true) List<UnlocLock> locks,
                           @Schema(description = "Id of the last lock returned, present only when more remain") String startAfterId) {
    }

    @GET
    @Operation(operationId = "getUnlocLocks", summary = "List the project's locks (paged by startAfterId and limit)")
    @APIResponse(responseCode = "200", description = "A page of locks",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = LockList.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = "application/problem+json"))
    public LockList list(@PathParam("projectId") String projectId, @QueryParam("limit") String limit,
                         @QueryParam("startAfterId") String startAfterId) {
        int pageSize = UnlocPaging.limit(limit);
        List<UnlocLock> fetched = projects.lockPage(projectId, blankToNull(startAfterId), pageSize + 1).stream()
                .map(UnlocLock::of).toList();
        UnlocPaging.Page<UnlocLock> page = UnlocPaging.Page.of(fetched, pageSize, UnlocLock::id);
        return new LockList(page.items(), page.startAfterId());
    }

    @GET
    @Path("{lockId}")
    @Operation(operationId = "getUnlocLock", summary = "Get one lock of the project")
    @APIResponse(responseCode = "200", description = "The lock",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = UnlocLock.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
    public UnlocLock one(@PathParam("projectId") String projectId, @PathParam("lockId") String lockId) {
        return UnlocLock.inProject(projects.lock(lockId), projectId);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
