package dev.odksim.web;

import dev.odksim.common.AdminOnly;
import dev.odksim.common.ProblemException;
import dev.odksim.lock.AccessEvent;
import dev.odksim.project.ProjectService;
import dev.odksim.tag.ScanEvent;
import io.quarkus.panache.common.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.time.Instant;
import java.util.List;

/**
 * Admin API for the dashboard's activity panel: what happened at the edges of the flow (DESIGN.md §2), newest first:
 * sticker scans (including stickers the simulator does not know) and what the project's virtual locks did with keys.
 * Read-only views of the scan and access event records kept by the tag resolver and the virtual locks.
 */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/activity")
public class ActivityResource {

    @Inject
    ProjectService projects;

    public record Scan(String id, String tagId, String lockId, String outcome, String reason, Instant at) {
    }

    public record Unlock(String id, String lockId, String keyId, String appUserId, String result, String reason, Instant at) {
    }

    public record Activity(List<Scan> scans, List<Unlock> unlocks) {
    }

    @GET
    public Activity activity(@PathParam("projectId") String projectId, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.badRequest("limit", "must be between 1 and 1000");
        }
        projects.project(projectId);
        List<Scan> scans = ScanEvent.<ScanEvent>find("projectId = ?1 or projectId is null order by at desc, id", projectId)
                .page(Page.ofSize(limit)).list().stream()
                .map(s -> new Scan(s.id, s.tagId, s.lockId, s.outcome, s.reason, s.at)).toList();
        List<Unlock> unlocks = AccessEvent.<AccessEvent>find(
                        "lockId in (select l.id from dev.odksim.project.Lock l where l.projectId = ?1) order by at desc, id", projectId)
                .page(Page.ofSize(limit)).list().stream()
                .map(e -> new Unlock(e.id, e.lockId, e.keyId, e.appUserId, e.result, e.reason, e.at)).toList();
        return new Activity(scans, unlocks);
    }
}
