package dev.odksim.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives every bodiless error answer the problem+json shape, e.g. the framework's own 400 for a body that is not JSON,
 * 405 or 415, so a client never has to handle a second error format.
 */
@Provider
public class ProblemFallbackFilter implements ContainerResponseFilter {

    private static final MediaType PROBLEM = MediaType.valueOf(Problem.MEDIA_TYPE);

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || response.hasEntity()) {
            return;
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        String detail = status == 400 ? "The request body is not valid JSON or does not have the expected shape" : title;
        response.setEntity(new Problem("about:blank", title, status, detail, null, null), null, PROBLEM);
    }
}
