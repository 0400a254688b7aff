package dev.odksim.tag;

import dev.odksim.common.AdminOnly;
import dev.odksim.common.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Admin API: the scan log (DESIGN.md §5), newest first, per project; and across all projects, which is the only place
 * scans of unknown tags appear (an unknown tag belongs to no project).
 */
@AdminOnly
@Path("/api/admin/v1")
public class ScanAdminResource {

    private static final int MAX_LIMIT = 1000;

    @Inject
    ScanService scans;

    public record ScanView(String id, String tagId, String projectId, String lockId, String mode, String outcome, String reason,
                           String chipUid, Long counter, Instant at) {
        static ScanView of(ScanEvent e) {
            return new ScanView(e.id, e.tagId, e.projectId, e.lockId, e.mode, e.outcome, e.reason, e.chipUid, e.counter, e.at);
        }
    }

    @GET
    @Path("projects/{projectId}/scans")
    public Map<String, List<ScanView>> ofProject(@PathParam("projectId") String projectId, @QueryParam("limit") String limit,
                                                 @QueryParam("outcome") String outcome) {
        return Map.of("scans", scans.scansOfProject(projectId, outcome(outcome), limit(limit)).stream().map(ScanView::of).toList());
    }

    @GET
    @Path("scans")
    public Map<String, List<ScanView>> all(@QueryParam("limit") String limit, @QueryParam("outcome") String outcome) {
        return Map.of("scans", scans.allScans(outcome(outcome), limit(limit)).stream().map(ScanView::of).toList());
    }

    private static int limit(String value) {
        if (value == null) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // the problem below names the parameter
        }
        throw ProblemException.badRequest("limit", "must be an integer between 1 and " + MAX_LIMIT);
    }

    private static String outcome(String value) {
        if (value == null || ScanOutcome.ofCode(value) != null) {
            return value;
        }
        throw ProblemException.badRequest("outcome", "must be one of " + String.join(", ",
                Arrays.stream(ScanOutcome.values()).map(ScanOutcome::code).toList()));
    }
}
