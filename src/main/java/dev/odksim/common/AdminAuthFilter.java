package dev.odksim.common;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Checks the admin Bearer token on every {@link AdminOnly} resource; fails closed. The operator's global token (in
 * constant time) reaches everything. A project-scoped token (docs/operations.md, "Who may use what") reaches an
 * operation only when its {@code {projectId}} path parameter names the token's project, or when the operation is marked
 * {@link ProjectFiltered}; everything else, and everything marked {@link GlobalAdminOnly}, is 403. The rule reads the
 * matched path parameters, so a new admin endpoint under {@code /projects/{projectId}} is covered without any list.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthFilter implements ContainerRequestFilter {

    static final String PROJECT_PARAMETER = "projectId";

    @Inject
    AdminToken adminToken;
    @Inject
    ProjectTokenLookup projectTokens;
    @Inject
    AdminCaller caller;
    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        String presented = BearerTokens.from(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (presented != null && adminToken.matches(presented)) {
            caller.global();
            return;
        }
        Optional<String> project = presented == null ? Optional.empty() : projectTokens.projectOf(presented);
        if (project.isEmpty()) {
            request.abortWith(ProblemMapper.respond(new Problem("about:blank", "Unauthorized", 401,
                    "This endpoint needs the admin token: Authorization: Bearer <admin token>", null, null)));
            return;
        }
        String denied = denial(project.get(), request.getUriInfo().getPathParameters().getFirst(PROJECT_PARAMETER));
        if (denied != null) {
            request.abortWith(ProblemMapper.respond(new Problem("about:blank", "Forbidden", 403, denied, null, null)));
            return;
        }
        caller.scopedTo(project.get());
    }

    /** Why a token of {@code tokenProject} may not call this operation on {@code pathProject}; null when it may. */
    private String denial(String tokenProject, String pathProject) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if ((method != null && method.isAnnotationPresent(GlobalAdminOnly.class)) || (type != null && type.isAnnotationPresent(GlobalAdminOnly.class))) {
            return "This operation needs the global admin token; a project's admin token cannot use it";
        }
        if (pathProject != null) {
            return pathProject.equals(tokenProject) ? null : "This admin token belongs to another project";
        }
        if (method != null && method.isAnnotationPresent(ProjectFiltered.class)) {
            return null;
        }
        return "This operation is not tied to one project and needs the global admin token";
    }
}
