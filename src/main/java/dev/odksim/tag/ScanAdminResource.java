package dev.odksim.tag;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Admin API: the scan log of a project's stickers (docs/design.md §5), newest first. Scans of unknown tags belong to no
 * project: they are in the global log of {@link AllScansResource}.
 */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/scans")
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "logs-admin")
@SecurityRequirement(name = "adminBearer")
public class ScanAdminResource {

    private static final int MAX_LIMIT = 1000;

    @Inject
    ScanService scans;

    public record ScanView(String id, String tagId, String projectId, String lockId,
                           @Schema(enumeration = {TagService.NONE, TagService.MIRROR, TagService.SUN}) String mode,
                           @Schema(description = "ok, or the refusal (unknown, retired, malformed, clone, replay, bad_mac)") String outcome,
                           String reason,
                           String chipUid, Long counter, Instant at) {
        static ScanView of(ScanEvent e) {
            return new ScanView(e.id, e.tagId, e.projectId, e.lockId, e.mode, e.outcome, e.reason, e.chipUid, e.counter, e.at);
        }
    }

    public record ScanList(@Schema(required = true) List<ScanView> scans) {
    }

    @GET
    @Operation(operationId = "listScans", summary = "The scan log of a project's stickers, newest first")
    public ScanList ofProject(@PathParam("projectId") String projectId, @QueryParam("limit") String limit,
                                                 @QueryParam("outcome") String outcome) {
        return new ScanList(scans.scansOfProject(projectId, outcome(outcome), limit(limit)).stream().map(ScanView::of).toList());
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
