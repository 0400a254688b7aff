package dev.odksim.tag;

import dev.odksim.common.AdminOnly;
import dev.odksim.tag.ScanAdminResource.ScanView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Admin API: every scan of every sticker URL, newest first, including unknown tags (which have no project). */
@AdminOnly
@Path("/api/admin/v1/scans")
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "logs-admin")
@SecurityRequirement(name = "adminBearer")
public class AllScansResource {

    @Inject
    ScanService scans;

    @GET
    @Operation(operationId = "listAllScans", summary = "Every scan, unknown stickers included, newest first")
    public ScanAdminResource.ScanList all(@QueryParam("limit") String limit, @QueryParam("outcome") String outcome) {
        return new ScanAdminResource.ScanList(scans.allScans(ScanAdminResource.outcome(outcome), ScanAdminResource.limit(limit)).stream()
                .map(ScanView::of).toList());
    }
}
