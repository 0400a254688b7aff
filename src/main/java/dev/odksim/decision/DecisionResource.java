package dev.odksim.decision;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.common.AdminOnly;
import dev.odksim.common.QueryLimit;
import dev.odksim.project.ProjectService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API: a project's decision log, newest first, bounded by the project's {@code decisionRetention}. */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/decisions")
@Tag(name = "logs-admin")
@SecurityRequirement(name = "adminBearer")
public class DecisionResource {

    @Inject
    DecisionService decisions;
    @Inject
    ProjectService projects;
    @Inject
    ObjectMapper json;

    public record Response(Integer status, String contentType, String body) {
    }

    /** One decision; {@code curl} repeats its call (secrets masked), {@code response} is null when nothing came back. */
    public record DecisionView(String id, String lockId, String appUserId, Outcome outcome, String reason, Integer httpStatus,
                               long latencyMs, Instant at, JsonNode request, Response response, String curl) {
    }

    public record DecisionList(@Schema(required = true) List<DecisionView> decisions) {
    }

    @GET
    @Operation(operationId = "listDecisions", summary = "A project's decision log, newest first")
    public DecisionList list(@PathParam("projectId") String projectId,
                                                @QueryParam("limit") String limit) {
        int size = QueryLimit.parse(limit, 50, 1000);
        return new DecisionList(decisions.recent(projectId, size, projects.decisionRetention(projectId)).stream().map(this::view).toList());
    }

    private DecisionView view(Decision d) {
        try {
            JsonNode request = json.readTree(d.request);
            return new DecisionView(d.id, d.lockId, d.appUserId, Outcome.valueOf(d.outcome), d.reason, d.httpStatus, d.latencyMs, d.at, request,
                    d.httpStatus == null ? null : new Response(d.httpStatus, d.responseContentType, d.responseBody), CurlLine.of(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored decision " + d.id + " has a corrupt request record", e);
        }
    }
}
