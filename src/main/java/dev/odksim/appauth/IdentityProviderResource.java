package dev.odksim.appauth;

import dev.odksim.common.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API: a project's identity provider for shift logins (token exchange). */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/identity-provider")
@Tag(name = "projects-admin")
@SecurityRequirement(name = "adminBearer")
public class IdentityProviderResource {

    @Inject
    IdentityProviderSettings settings;

    @GET
    @Operation(operationId = "getIdentityProvider", summary = "A project's identity provider for shift logins")
    public IdentityProviderSettings.View get(@PathParam("projectId") String projectId) {
        return settings.get(projectId);
    }

    @PUT
    @Operation(operationId = "updateIdentityProvider", summary = "Set a project's identity provider for shift logins")
    public IdentityProviderSettings.View put(@PathParam("projectId") String projectId, IdentityProviderSettings.View body) {
        return settings.put(projectId, body);
    }
}
