package dev.odksim.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.common.AdminOnly;
import dev.odksim.common.QueryLimit;
import dev.odksim.project.ProjectService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Admin API: the long runs (validations, load tests) of a project: their progress, result, and cancel. */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/runs")
@Tag(name = "Runs")
@SecurityRequirement(name = "adminBearer")
public class RunResource {

    @Inject
    RunService runs;
    @Inject
    ProjectService projects;
    @Inject
    ObjectMapper json;

    /** A run as the dashboard polls it; {@code report} only when one run is fetched and it has finished. */
    public record RunView(@Schema(required = true) String id, @Schema(required = true) String projectId,
                          @Schema(required = true) RunKind kind, @Schema(required = true) RunState state,
                          @Schema(required = true) Instant startedAt, Instant finishedAt,
                          @Schema(required = true, description = "0..1") double progress, String progressText,
                          @Schema(required = true) boolean cancelRequested, String verdict, Integer exitCode, String error, JsonNode report) {
    }

    public record RunList(@Schema(required = true) List<RunView> runs) {
    }

    /** 202 Accepted with the run and its Location: what every endpoint starting a run answers. */
    public static Response accepted(Run run, ObjectMapper json) {
        return Response.accepted(view(run, false, json)).location(URI.create("/api/admin/v1/projects/" + run.projectId + "/runs/" + run.id)).build();
    }

    @GET
    @Operation(operationId = "listRuns", summary = "A project's validation and load runs, newest first")
    @APIResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
    public RunList list(@PathParam("projectId") String projectId, @QueryParam("limit") String limit) {
        projects.project(projectId);
        return new RunList(runs.runs(projectId, QueryLimit.parse(limit, 20, 200)).stream().map(r -> view(r, false, json)).toList());
    }

    @GET
    @Path("{runId}")
    @Operation(operationId = "getRun", summary = "One run: state, progress and, once finished, its report")
    @APIResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
    public RunView one(@PathParam("projectId") String projectId, @PathParam("runId") String runId) {
        return view(runs.run(projectId, runId), true, json);
    }

    @POST
    @Path("{runId}/cancel")
    @Operation(operationId = "cancelRun", summary = "Cancel a queued or running run (it stops within about a second)")
    @APIResponse(responseCode = "202", description = "the cancel was recorded")
    @APIResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", content = @Content(mediaType = "application/problem+json"))
    public Response cancel(@PathParam("projectId") String projectId, @PathParam("runId") String runId) {
        return Response.accepted(view(runs.cancel(projectId, runId), false, json)).build();
    }

    static RunView view(Run run, boolean withReport, ObjectMapper json) {
        JsonNode report = null;
        if (withReport && run.report != null) {
            try {
                report = json.readTree(run.report);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Stored run " + run.id + " has a corrupt report", e);
            }
        }
        return new RunView(run.id, run.projectId, RunKind.of(run.kind), RunState.of(run.state), run.startedAt, run.finishedAt,
                run.progress, run.progressText, run.cancelRequested, run.verdict, run.exitCode, run.error, report);
    }
}
