package dev.odksim.tag;

import dev.odksim.common.AdminOnly;
import dev.odksim.tag.ScanAdminResource.ScanView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import java.util.List;
import java.util.Map;

/** Admin API: every scan of every sticker URL, newest first, including unknown tags (which have no project). */
@AdminOnly
@Path("/api/admin/v1/scans")
public class AllScansResource {

    @Inject
    ScanService scans;

    @GET
    public Map<String, List<ScanView>> all(@QueryParam("limit") String limit, @QueryParam("outcome") String outcome) {
        return Map.of("scans", scans.allScans(ScanAdminResource.outcome(outcome), ScanAdminResource.limit(limit)).stream()
                .map(ScanView::of).toList());
    }
}
