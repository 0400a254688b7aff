package dev.odksim.project;

import dev.odksim.common.AdminOnly;
import dev.odksim.common.GlobalAdminOnly;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

import java.time.Instant;
import java.util.List;

/**
 * Admin API: a project's admin tokens (docs/operations.md, "Who may use what"). Issued, listed and revoked with the
 * operator's global admin token only; a project token cannot mint more of itself.
 */
@AdminOnly
@GlobalAdminOnly
@Path("/api/admin/v1/projects/{projectId}/admin-tokens")
@Tag(name = "Project admin tokens")
@SecurityRequirement(name = "adminBearer")
public class ProjectAdminTokenResource {

    @Inject
    ProjectAdminTokens tokens;

    public record NewAdminToken(@Size(max = 200) @Schema(description = "What the token is for, e.g. the company holding it") String label) {
    }

    @Schema(description = "A project admin token; token is only present in the answer that created it")
    public record AdminTokenView(@Schema(required = true) String id, @Schema(required = true) String projectId, String label,
                                 @Schema(required = true) Instant createdAt, Instant revokedAt,
                                 @Schema(description = "The Bearer token, shown once") String token) {
        static AdminTokenView of(ProjectAdminToken row, String token) {
            return new AdminTokenView(row.id, row.projectId, row.label, row.createdAt, row.revokedAt, token);
        }
    }

    public record AdminTokenList(@Schema(required = true) List<AdminTokenView> tokens) {
    }

    @POST
    @Operation(operationId = "createProjectAdminToken", summary = "Issue an admin token scoped to this project (shown once)")
    @APIResponse(responseCode = "201", description = "The token, shown this once",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = AdminTokenView.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
    public Response create(@PathParam("projectId") String projectId, @Valid NewAdminToken body) {
        ProjectAdminTokens.Issued issued = tokens.issue(projectId, body == null ? null : body.label());
        return Response.status(201).entity(AdminTokenView.of(issued.row(), issued.token())).build();
    }

    @GET
    @Operation(operationId = "listProjectAdminTokens", summary = "This project's admin tokens (never their secrets)")
    @APIResponse(responseCode = "200", description = "The tokens",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = AdminTokenList.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
    public AdminTokenList list(@PathParam("projectId") String projectId) {
        return new AdminTokenList(tokens.list(projectId).stream().map(row -> AdminTokenView.of(row, null)).toList());
    }

    @DELETE
    @Path("{tokenId}")
    @Operation(operationId = "revokeProjectAdminToken", summary = "Revoke a project admin token; it is refused (401) from then on")
    @APIResponse(responseCode = "200", description = "The revoked token",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = AdminTokenView.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
    public AdminTokenView revoke(@PathParam("projectId") String projectId, @PathParam("tokenId") String tokenId) {
        return AdminTokenView.of(tokens.revoke(projectId, tokenId), null);
    }
}
