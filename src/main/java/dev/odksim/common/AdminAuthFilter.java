package dev.odksim.common;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import jakarta.annotation.Priority;

/** Checks the admin Bearer token on every {@link AdminOnly} resource, in constant time; fails closed. */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthFilter implements ContainerRequestFilter {

    @Inject
    AdminToken adminToken;

    @Override
    public void filter(ContainerRequestContext request) {
        String presented = BearerTokens.from(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (presented == null || !adminToken.matches(presented)) {
            request.abortWith(ProblemMapper.respond(new Problem("about:blank", "Unauthorized", 401,
                    "This endpoint needs the admin token: Authorization: Bearer <admin token>", null, null)));
        }
    }
}
