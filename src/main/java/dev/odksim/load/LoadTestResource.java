package dev.odksim.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.common.AdminOnly;
import dev.odksim.runs.RunResource;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Admin API: load-test the project's configured decision endpoint; answers 202 with the run to poll (RunResource). */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/load-tests")
@Tag(name = "Runs")
@SecurityRequirement(name = "adminBearer")
public class LoadTestResource {

    @Inject
    LoadTestService loadTests;
    @Inject
    ObjectMapper json;

    /**
     * An open-loop load: {@code ratePerSecond} calls per second for {@code durationSeconds}, over every (lock, user) pair
     * in turn; judged against {@code maxErrorRate} (default 0.01) and {@code maxP99Ms} (default: the project's timeout).
     */
    public record NewLoadTest(
            @Schema(required = true) @NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 128) String> lockIds,
            @Schema(required = true) @NotEmpty @Size(max = 1000) List<@NotBlank @Size(max = 32) String> appUserIds,
            @Schema(required = true) @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000") Double ratePerSecond,
            @Schema(required = true) @NotNull @Min(1) @Max(3600) Integer durationSeconds,
            @DecimalMin("0") @DecimalMax("1") Double maxErrorRate,
            @Min(1) @Max(120_000) Long maxP99Ms) {
    }

    @POST
    @Operation(operationId = "startLoadTest", summary = "Start a load test of the project's decision endpoint (202, poll the run)")
    @APIResponse(responseCode = "202", description = "The run was started; follow it at Location (/runs/{runId})",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RunResource.RunView.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", content = @Content(mediaType = "application/problem+json"))
    public Response start(@PathParam("projectId") String projectId, @Valid @NotNull NewLoadTest body) {
        return RunResource.accepted(loadTests.start(projectId, new LoadTestService.LoadTest(body.lockIds(), body.appUserIds(),
                body.ratePerSecond(), body.durationSeconds(), body.maxErrorRate(), body.maxP99Ms())), json);
    }
}
