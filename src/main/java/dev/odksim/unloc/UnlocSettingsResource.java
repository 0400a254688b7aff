package dev.odksim.unloc;

import dev.odksim.common.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API: the project's simulated provisioning of {@code /v2} keys (delay, fault knob). */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/unloc-settings")
@Tag(name = "Unloc API clients")
@SecurityRequirement(name = "adminBearer")
@APIResponse(responseCode = "401", content = @Content(mediaType = "application/problem+json"))
@APIResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
public class UnlocSettingsResource {

    @Inject
    UnlocSettingsService settings;

    @GET
    @Operation(operationId = "getUnlocSettings", summary = "The provisioning delay and fault knob of /v2 keys")
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = UnlocSettingsService.View.class)))
    public UnlocSettingsService.View get(@PathParam("projectId") String projectId) {
        return settings.get(projectId);
    }

    @PUT
    @Operation(operationId = "updateUnlocSettings", summary = "Change the provisioning delay or fault knob (absent fields keep their value)")
    @APIResponse(responseCode = "200", description = "The settings now",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = UnlocSettingsService.View.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = "application/problem+json"))
    public UnlocSettingsService.View update(@PathParam("projectId") String projectId, UnlocSettingsService.View body) {
        return settings.update(projectId, body);
    }
}
