package dev.odksim.appauth;

import dev.odksim.common.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** Admin API: a project's identity provider for shift logins (token exchange). */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/identity-provider")
public class IdentityProviderResource {

    @Inject
    IdentityProviderSettings settings;

    @GET
    public IdentityProviderSettings.View get(@PathParam("projectId") String projectId) {
        return settings.get(projectId);
    }

    @PUT
    public IdentityProviderSettings.View put(@PathParam("projectId") String projectId, IdentityProviderSettings.View body) {
        return settings.put(projectId, body);
    }
}
