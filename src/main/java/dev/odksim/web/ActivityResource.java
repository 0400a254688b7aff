package dev.odksim.web;

import dev.odksim.common.AdminOnly;
import dev.odksim.common.ProblemException;
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
 * Admin API for the dashboard's sticker scan panel, newest first, including stickers the simulator does not know.
 * (What the virtual locks did with keys is the lock package's {@code /access-events}.)
 */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/activity")
public class ActivityResource {

    @Inject
    ProjectService projects;

    public record Scan(String id, String tagId, String lockId, String outcome, String reason, Instant at) {
    }

    public record Activity(List<Scan> scans) {
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
        return new Activity(scans);
    }
}
