package dev.odksim.tag;

import dev.odksim.common.AdminOnly;
import dev.odksim.common.ProblemException;
import dev.odksim.common.QueryLimit;
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
 * Admin API: the scan log of a project's stickers (docs/design.md §5), newest first. Scans of unknown tags belong to no
 * project: they are in the global log of {@link AllScansResource}.
 */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/scans")
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
    public Map<String, List<ScanView>> ofProject(@PathParam("projectId") String projectId, @QueryParam("limit") String limit,
                                                 @QueryParam("outcome") String outcome) {
        return Map.of("scans", scans.scansOfProject(projectId, outcome(outcome), limit(limit)).stream().map(ScanView::of).toList());
    }

    static int limit(String value) {
        return QueryLimit.parse(value, 100, MAX_LIMIT);
    }

    static String outcome(String value) {
        if (value == null || ScanOutcome.ofCode(value) != null) {
            return value;
        }
        throw ProblemException.badRequest("outcome", "must be one of " + String.join(", ",
                Arrays.stream(ScanOutcome.values()).map(ScanOutcome::code).toList()));
    }
}
