package dev.odksim.unloc;

import dev.odksim.unloc.UnlocDtos.TokenRequest;
import dev.odksim.unloc.UnlocDtos.TokenResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Unloc's token endpoint {@code POST /v2/auth/token/} (client credentials, scope {@code project.admin}). The documented
 * path ends in a slash; the path without it answers the same. JSON as documented, or a form as OAuth2 clients send it.
 */
@Path("/v2/auth")
@Tag(name = "Unloc v2")
@APIResponse(responseCode = "400", content = @Content(mediaType = "application/problem+json"))
@APIResponse(responseCode = "401", content = @Content(mediaType = "application/problem+json"))
@APIResponse(responseCode = "403", content = @Content(mediaType = "application/problem+json"))
public class UnlocAuthResource {

    @Inject
    ApiClientService clients;

    @POST
    @Path("token/")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getUnlocToken", summary = "Get a project.admin access token with client credentials (JSON)")
    @APIResponse(responseCode = "200", description = "The access token",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = TokenResponse.class)))
    public TokenResponse token(TokenRequest body) {
        return clients.token(body);
    }

    @POST
    @Path("token/")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(operationId = "getUnlocTokenByForm", summary = "Get a project.admin access token with client credentials (form)")
    @APIResponse(responseCode = "200", description = "The access token",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = TokenResponse.class)))
    public TokenResponse tokenByForm(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
                                     @FormParam("client_secret") String clientSecret, @FormParam("scope") String scope,
                                     @FormParam("project_id") String projectId) {
        return clients.token(new TokenRequest(grantType, clientId, clientSecret, scope, projectId));
    }
}
