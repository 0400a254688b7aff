package dev.odksim.lock;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import dev.odksim.common.AdminOnly;
import dev.odksim.common.QueryLimit;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API: the unlock attempts at a project's virtual locks (the dashboard's "Unlock attempts" panel). */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/access-events")
@Tag(name = "logs-admin")
@SecurityRequirement(name = "adminBearer")
public class AccessEventResource {

    @Inject
    AccessEvents events;

    /** {@code reason} is the lock's reason code and detail ("EXPIRED: The key expired at …"); null when unlocked. */
    public record AccessEventView(String id, String lockId, String keyId, String appUserId, String result, String reason, Instant at) {
        static AccessEventView of(AccessEvent e) {
            return new AccessEventView(e.id, e.lockId, e.keyId, e.appUserId, e.result, e.reason, e.at);
        }
    }

    public record AccessEventList(@Schema(required = true) List<AccessEventView> accessEvents) {
    }

    @GET
    @Operation(operationId = "listAccessEvents", summary = "The unlock attempts at a project's locks, newest first")
    public AccessEventList list(@PathParam("projectId") String projectId,
                                                   @QueryParam("limit") String limit) {
        return new AccessEventList(events.ofProject(projectId, QueryLimit.parse(limit, 50, 1000)).stream()
                .map(AccessEventView::of).toList());
    }
}
