package dev.odksim.lock;

import dev.odksim.common.AdminOnly;
import dev.odksim.common.QueryLimit;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Admin API: the unlock attempts at a project's virtual locks (the dashboard's "Unlock attempts" panel). */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/access-events")
public class AccessEventResource {

    @Inject
    AccessEvents events;

    /** {@code reason} is the lock's reason code and detail ("EXPIRED: The key expired at …"); null when unlocked. */
    public record AccessEventView(String id, String lockId, String keyId, String appUserId, String result, String reason, Instant at) {
        static AccessEventView of(AccessEvent e) {
            return new AccessEventView(e.id, e.lockId, e.keyId, e.appUserId, e.result, e.reason, e.at);
        }
    }

    @GET
    public Map<String, List<AccessEventView>> list(@PathParam("projectId") String projectId,
                                                   @QueryParam("limit") String limit) {
        return Map.of("accessEvents", events.ofProject(projectId, QueryLimit.parse(limit, 50, 1000)).stream()
                .map(AccessEventView::of).toList());
    }
}
