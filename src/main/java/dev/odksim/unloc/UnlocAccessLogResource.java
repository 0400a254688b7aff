package dev.odksim.unloc;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.odksim.common.PhoneNumbers;
import dev.odksim.common.SimClock;
import dev.odksim.lock.AccessEvents;
import dev.odksim.lock.UnlocAccessEvent;
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

import java.time.Duration;
import java.util.List;

/** The project's access log as Unloc Access Events: successful unlocks of its virtual locks in the last 60 days. */
@UnlocProjectAuth
@Path("/v2/projects/{projectId}/access-log")
@Tag(name = "Unloc v2")
@SecurityRequirement(name = "unlocBearer")
@APIResponse(responseCode = "401", content = @Content(mediaType = "application/problem+json"))
@APIResponse(responseCode = "403", content = @Content(mediaType = "application/problem+json"))
public class UnlocAccessLogResource {

    /** Unloc deletes events older than two months (GDPR); the simulator's log keeps longer, but /v2 shows no more. */
    static final Duration WINDOW = Duration.ofDays(60);

    @Inject
    AccessEvents events;
    @Inject
    SimClock clock;

    @Schema(name = "UnlocAccessLog")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AccessLog(@Schema(required = true) List<UnlocAccessEvent> accessEvents,
                            @Schema(description = "Id of the last event returned, present only when more remain") String startAfterId) {
    }

    @GET
    @Operation(operationId = "getUnlocAccessLog", summary = "Successful unlocks, oldest first, paged by startAfterId and limit")
    @APIResponse(responseCode = "200", description = "A page of the access log",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = AccessLog.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = "application/problem+json"))
    public AccessLog list(@PathParam("projectId") String projectId, @QueryParam("lockId") String lockId,
                          @QueryParam("appUserId") String appUserId, @QueryParam("limit") String limit,
                          @QueryParam("startAfterId") String startAfterId) {
        int pageSize = UnlocPaging.limit(limit);
        String user = UnlocLockResource.blankToNull(appUserId) == null ? null : PhoneNumbers.require("appUserId", appUserId);
        List<UnlocAccessEvent> fetched = events.unlockedPage(projectId, UnlocLockResource.blankToNull(lockId), user,
                clock.now().minus(WINDOW), UnlocLockResource.blankToNull(startAfterId), pageSize + 1);
        UnlocPaging.Page<UnlocAccessEvent> page = UnlocPaging.Page.of(fetched, pageSize, UnlocAccessEvent::id);
        return new AccessLog(page.items(), page.startAfterId());
    }
}
