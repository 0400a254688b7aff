package dev.odksim.unloc;

import dev.odksim.common.BearerTokens;
import dev.odksim.common.ProblemException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * The gate of every {@link UnlocProjectAuth} resource: 401 without a token, with a bad or expired one (simulator clock) or
 * one of a deleted API client; 403 when the token is for another project than the path's {@code projectId}. Fails closed.
 */
@Provider
@UnlocProjectAuth
@Priority(Priorities.AUTHENTICATION)
public class UnlocAuthFilter implements ContainerRequestFilter {

    @Inject
    UnlocTokens tokens;

    @Override
    public void filter(ContainerRequestContext request) {
        String presented = BearerTokens.from(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (presented == null) {
            throw ProblemException.unauthorized("This endpoint needs an access token: Authorization: Bearer <access_token from POST /v2/auth/token/>");
        }
        UnlocTokens.Verified token = tokens.verify(presented);
        String projectId = request.getUriInfo().getPathParameters().getFirst("projectId");
        if (projectId == null || !projectId.equals(token.projectId())) {
            throw new ProblemException(403, "Forbidden", "The access token is for project '" + token.projectId()
                    + "', not for project '" + projectId + "'; get a token with project_id=" + projectId, null, "WRONG_PROJECT");
        }
    }
}
