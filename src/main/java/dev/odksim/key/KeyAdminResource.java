package dev.odksim.key;

import dev.odksim.common.AdminOnly;
import dev.odksim.common.PhoneNumbers;
import dev.odksim.common.ProblemException;
import dev.odksim.project.ProjectService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Admin API: a project's keys. */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/keys")
public class KeyAdminResource {

    @Inject
    KeyService keys;
    @Inject
    ProjectService projects;

    @GET
    public Map<String, List<KeyView>> list(@PathParam("projectId") String projectId, @QueryParam("appUserId") String appUserId,
                                           @QueryParam("lockId") String lockId, @QueryParam("state") String state) {
        projects.project(projectId);
        String user = appUserId == null ? null : PhoneNumbers.require("appUserId", appUserId);
        KeyState wanted = state == null ? null : Arrays.stream(KeyState.values()).filter(s -> s.wire().equals(state)).findFirst()
                .orElseThrow(() -> ProblemException.badRequest("state", "must be one of creating, scheduled, active, expired, revoked, error"));
        Instant now = keys.now();
        return Map.of("keys", keys.keysOfProject(projectId, user, lockId, wanted).stream().map(k -> KeyView.of(k, now)).toList());
    }
}
