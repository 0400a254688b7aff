package dev.odksim.appauth;

import dev.odksim.common.BearerTokens;
import dev.odksim.common.ProblemException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Resolves the app access token of {@link AppUserOnly} endpoints into an {@link AppCaller}; 401 otherwise. */
@Provider
@AppUserOnly
@Priority(Priorities.AUTHENTICATION)
public class AppAuthFilter implements ContainerRequestFilter {

    @Inject
    AppAuthService auth;
    @Inject
    AppCaller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        String token = BearerTokens.from(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            throw ProblemException.unauthorized("Log in first: Authorization: Bearer <access token from /api/app/v1/auth/token>");
        }
        caller.set(auth.session(token).orElseThrow(() ->
                ProblemException.unauthorized("The access token is unknown, expired or logged out; log in again")));
    }
}
