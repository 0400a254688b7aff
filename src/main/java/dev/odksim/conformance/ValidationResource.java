package dev.odksim.conformance;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.common.AdminOnly;
import dev.odksim.runs.RunResource;
import dev.odksim.common.ProblemException;
import dev.odksim.common.QueryLimit;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API: start a validation of a project's decision endpoint (a run: 202, then poll), and list or fetch finished ones. */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/validations")
@Tag(name = "validator")
@SecurityRequirement(name = "adminBearer")
public class ValidationResource {

    @Inject
    ValidationService validations;
    @Inject
    ObjectMapper json;

    /** {@code grant} and {@code deny} as {@code LOCK_ID:E164}; {@code repeats} for the latency and consistency checks. */
    public record NewValidation(String grant, String deny, Integer repeats) {
    }

    public record Counts(int passed, int failed, int warnings, int skipped) {
    }

    /** A run; {@code report} (report.json) only when one run is fetched or created. */
    public record RunView(String id, String projectId, Instant startedAt, String url, String verdict, int exitCode,
                          Counts counts, JsonNode report) {
    }

    public record RunList(@Schema(required = true) List<RunView> validations) {
    }

    @POST
    @Operation(operationId = "validateEndpoint", summary = "Start a validation of the project's decision endpoint (202, poll the run)")
    @APIResponse(responseCode = "202", description = "The run was started; follow it at Location (/runs/{runId})",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RunResource.RunView.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", content = @Content(mediaType = "application/problem+json"))
    public Response validate(@PathParam("projectId") String projectId, NewValidation body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "is required: {\"grant\":\"LOCK_ID:E164\",\"deny\":\"LOCK_ID:E164\"}");
        }
        // A run, not a long request: 202 at once; poll /runs/{id}; the finished report is /validations/{id} too.
        return RunResource.accepted(validations.start(projectId, body.grant(), body.deny(), body.repeats()), json);
    }

    @GET
    @Operation(operationId = "listValidations", summary = "Past validation runs, newest first")
    public RunList list(@PathParam("projectId") String projectId, @QueryParam("limit") String limit) {
        return new RunList(validations.runs(projectId, QueryLimit.parse(limit, 50, 1000)).stream().map(run -> view(run, false)).toList());
    }

    @GET
    @Path("{runId}")
    @Operation(operationId = "getValidation", summary = "One validation run with its report")
    public RunView one(@PathParam("projectId") String projectId, @PathParam("runId") String runId) {
        return view(validations.run(projectId, runId), true);
    }

    private RunView view(ValidationRun run, boolean withReport) {
        try {
            return new RunView(run.id, run.projectId, run.startedAt, run.url, run.verdict, run.exitCode,
                    new Counts(run.passed, run.failed, run.warnings, run.skipped), withReport ? json.readTree(run.report) : null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored validation run " + run.id + " has a corrupt report", e);
        }
    }
}
