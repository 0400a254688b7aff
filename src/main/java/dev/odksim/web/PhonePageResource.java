package dev.odksim.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The phone web app without a scan ({@code /app}), and the root, which leads to the dashboard. */
@Path("/")
@Tag(name = "simulator")
public class PhonePageResource {

    @Inject
    PhonePage page;

    @GET
    @Path("app")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String app() {
        return page.render(null, null);
    }

    /** A relative Location: never built from the request's Host header, which any client may set. */
    @GET
    @Operation(hidden = true)
    public Response root() {
        return Response.status(Response.Status.SEE_OTHER).header("Location", "/dashboard/").build();
    }
}
