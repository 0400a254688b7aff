package dev.odksim.unloc;

import dev.odksim.common.AdminOnly;
import dev.odksim.unloc.UnlocDtos.ApiClientView;
import dev.odksim.unloc.UnlocDtos.ApiClients;
import dev.odksim.unloc.UnlocDtos.CreatedApiClient;
import dev.odksim.unloc.UnlocDtos.NewApiClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API: the API clients (client credentials) through which an integrator gets {@code /v2} tokens for a project. */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/api-clients")
@Tag(name = "Unloc API clients")
@SecurityRequirement(name = "adminBearer")
@APIResponse(responseCode = "401", content = @Content(mediaType = "application/problem+json"))
@APIResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
public class ApiClientAdminResource {

    @Inject
    ApiClientService clients;

    @POST
    @Operation(operationId = "createApiClient", summary = "Create an API client; the secret is in this answer only")
    @APIResponse(responseCode = "201", description = "The client, with its secret (shown once)",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = CreatedApiClient.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = "application/problem+json"))
    public Response create(@PathParam("projectId") String projectId, NewApiClient body) {
        ApiClientService.Created created = clients.create(projectId, body == null ? null : body.name());
        ApiClient c = created.client();
        return Response.status(201).entity(new CreatedApiClient(c.clientId, created.clientSecret(), c.projectId, c.name, c.createdAt)).build();
    }

    @GET
    @Operation(operationId = "listApiClients", summary = "List a project's API clients (never their secrets)")
    @APIResponse(responseCode = "200", description = "The clients",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = ApiClients.class)))
    public ApiClients list(@PathParam("projectId") String projectId) {
        return new ApiClients(clients.list(projectId).stream().map(ApiClientView::of).toList());
    }

    @DELETE
    @Path("{clientId}")
    @Operation(operationId = "deleteApiClient", summary = "Delete an API client; its tokens stop working at once")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("projectId") String projectId, @PathParam("clientId") String clientId) {
        clients.delete(projectId, clientId);
    }
}
