package dev.odksim.tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.common.ProblemException;
import dev.odksim.common.PublicUrls;
import dev.odksim.decision.DecisionClient;
import dev.odksim.web.PhonePage;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The sticker URL {@code /t/{tagId}} (DESIGN.md §5): the app asks for JSON and gets the lock and what to do next;
 * a phone's browser gets the phone web app, already pointed at the lock.
 */
@Path("/t/{tagId}")
public class TagResolverResource {

    @Inject
    TagService tags;
    @Inject
    PublicUrls urls;
    @Inject
    PhonePage phonePage;
    @Inject
    ObjectMapper json;

    /** What the app gets from a scan (API.md). */
    public record ScanView(String tagId, String lockId, String lockName, String projectId, String accessUrl) {
    }

    @GET
    public Response scan(@PathParam("tagId") String tagId, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean browser = accept != null && accept.contains("text/html");
        TagService.Resolution resolution;
        try {
            resolution = tags.resolve(tagId);
        } catch (ProblemException e) {
            if (!browser) {
                throw e;
            }
            return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(phonePage.render(null, toJson(e.toProblem()))).build();
        }
        ScanView view = new ScanView(resolution.tag().id, resolution.lock().id, resolution.lock().name, resolution.tag().projectId,
                urls.base() + "/api/app/v1/locks/" + DecisionClient.encode(resolution.lock().id) + "/access");
        if (browser) {
            return Response.ok(phonePage.render(toJson(view), null), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
        }
        return Response.ok(view, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
