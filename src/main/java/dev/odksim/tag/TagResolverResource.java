package dev.odksim.tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.appauth.AppAuthService;
import dev.odksim.appauth.AppSession;
import dev.odksim.common.BearerTokens;
import dev.odksim.common.PercentEncoding;
import dev.odksim.common.Problem;
import dev.odksim.common.ProblemException;
import dev.odksim.common.PublicUrls;
import dev.odksim.web.PhonePage;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The sticker URL {@code /t/{tagId}} (docs/design.md §5): the app asks for JSON and gets the lock, what to do next and a
 * scan proof; a phone's browser gets the phone web app, already pointed at the lock (or handed to a configured app).
 * A refused scan (unknown, retired, malformed, copied, replayed, bad MAC) is problem+json, or the phone page showing it.
 */
@Path("/t/{tagId}")
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "stickers")
public class TagResolverResource {

    private static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    @Inject
    ScanService scans;
    @Inject
    AppLinks appLinks;
    @Inject
    AppAuthService appAuth;
    @Inject
    PublicUrls urls;
    @Inject
    PhonePage phonePage;
    @Inject
    ObjectMapper json;

    /**
     * What the app gets from a scan (docs/api.md; the first five fields are the stable contract). {@code scanProof} goes
     * with the access request; {@code counter} is the tap counter the sticker proved (mirror / SUN), if any.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = {"tagId", "lockId", "lockName", "projectId", "accessUrl", "mode", "scanProof", "scanProofExpiresAt"})
    public record StickerScan(String tagId, String lockId, String lockName, String projectId, String accessUrl,
                           @Schema(enumeration = {"none", "ntag-mirror", "ntag424-sun"}) String mode, Long counter, String scanProof, Instant scanProofExpiresAt, String openInAppUrl) {
    }

    @GET
    @Operation(operationId = "scanSticker", summary = "Resolve a sticker scan", description = "JSON for the app (the lock, where to ask for access, a scan proof); the phone web app for a browser. Refused scans are problem+json with a reason.")
    @APIResponse(responseCode = "200", description = "The scanned lock",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StickerScan.class),
            examples = {@ExampleObject(name = "scan", value = "{\"tagId\":\"demo-front\",\"lockId\":\"front-door\",\"lockName\":\"Front door\",\"projectId\":\"demo\",\"accessUrl\":\"http://localhost:8080/api/app/v1/locks/front-door/access\",\"mode\":\"none\",\"scanProof\":\"eyJ...\",\"scanProofExpiresAt\":\"2026-03-02T08:02:00Z\"}")}))
    @APIResponse(responseCode = "303", description = "A browser is handed to the configured app link")
    public Response scan(@PathParam("tagId") String tagId, @HeaderParam(HttpHeaders.ACCEPT) String accept,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
        boolean browser = accept != null && accept.contains("text/html");
        ScanService.Scan scan = scans.resolve(tagId, request.query(), scanningUser(authorization));
        if (scan instanceof ScanService.Refused refused) {
            ProblemException problem = new ProblemException(refused.outcome().status(), refused.outcome().title(), refused.detail(),
                    refused.outcome() == ScanOutcome.MALFORMED && refused.field() != null
                            ? List.of(new Problem.InvalidParam(refused.field(), refused.detail())) : null,
                    refused.outcome().reason());
            if (!browser) {
                throw problem;
            }
            return Response.status(problem.status()).type(HTML).entity(phonePage.render(null, toJson(problem.toProblem()))).build();
        }
        ScanService.Accepted accepted = (ScanService.Accepted) scan;
        String lockId = accepted.lock().id;
        String proof = accepted.proof().token();
        String openInApp = appLinks.openInAppUrl(accepted.tag().id, lockId, proof).orElse(null);
        StickerScan view = new StickerScan(accepted.tag().id, lockId, accepted.lock().name, accepted.tag().projectId,
                urls.base() + "/api/app/v1/locks/" + PercentEncoding.encode(lockId) + "/access",
                accepted.tag().mode, accepted.counter(), proof, accepted.proof().expiresAt(), openInApp);
        if (!browser) {
            return Response.ok(view, MediaType.APPLICATION_JSON_TYPE).build();
        }
        URI redirect = appLinks.redirectBrowsers() ? AppLinks.asUri(openInApp) : null;
        if (redirect != null) {
            return Response.seeOther(redirect).build();
        }
        return Response.ok(phonePage.render(toJson(view), null), HTML).build();
    }

    /** The app user scanning, when the app sent its session along; binds the scan proof to them. Never refuses a scan. */
    private String scanningUser(String authorization) {
        String token = BearerTokens.from(authorization);
        return token == null ? null : appAuth.session(token).map((AppSession s) -> s.appUserId).orElse(null);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
