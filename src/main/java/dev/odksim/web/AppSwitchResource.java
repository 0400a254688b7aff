package dev.odksim.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.web.AppSwitch.ErrorCode;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.Optional;

/**
 * Unloc's app-switch links, answered by the phone web app under the simulator's base URL (docs/unloc-api.md). What can be
 * checked without the user is checked here: unsafe return targets get an error page (never a redirect), a bad
 * {@code userid} goes back to {@code redirectOnError}. The rest (login, the key, the unlock) happens in the page
 * ({@code app/app-switch.js}).
 *
 * <p>Every answer is {@code Cache-Control: no-store}: a link is a one-shot instruction that ends by leaving for another
 * site, so its page must never be kept in the browser's back/forward cache. Chromium keeps the renderer of a cached page
 * alive with that page's copy of {@code sessionStorage}, and a later page of the simulator in the same tab could read the
 * stale session from it (the link opened as whoever was logged in before: {@code WRONG_USER}).
 */
@Path("/")
@Tag(name = "Phone web app")
public class AppSwitchResource {

    @Inject
    PhonePage page;
    @Inject
    ObjectMapper json;

    /** What the page is to do, embedded as JSON; {@code problem} set when the link itself is unusable. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Instruction(String action, String keyId, String userId, String redirect, String redirectOnError,
                              String returnUrl, Problem problem) {
    }

    public record Problem(String error, String message) {
    }

    @GET
    @Path("use-key")
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "useKeyLink", summary = "App switch: open a key's lock page, unlock, return to redirect")
    public Response useKey(@QueryParam("id") String id, @QueryParam("userid") String userid, @QueryParam("redirect") String redirect,
                           @QueryParam("redirectOnError") String redirectOnError) {
        Optional<String> onError = AppSwitch.safeTarget(redirectOnError);
        Optional<String> onSuccess = AppSwitch.safeTarget(redirect);
        if (redirect == null || redirectOnError == null || onSuccess.isEmpty() || onError.isEmpty()) {
            String which = redirect == null || onSuccess.isEmpty() ? "redirect" : "redirectOnError";
            return page(400, new Instruction("use-key", id, null, null, null, null, new Problem(ErrorCode.INVALID_LINK.name(),
                    which + " must be an https: URL or an app scheme (myapp://...); javascript:, data:, http: and relative "
                            + "URLs are never followed. Nothing was opened.")));
        }
        if (id == null || id.isBlank()) {
            return back(onError.get(), ErrorCode.INVALID_LINK, "id is required: the id of the key to open");
        }
        AppSwitch.UserId user = AppSwitch.userId(userid);
        if (user.error() != null) {
            return back(onError.get(), user.error(), user.message());
        }
        return page(200, new Instruction("use-key", id.strip(), user.appUserId(), onSuccess.get(), onError.get(), null, null));
    }

    @GET
    @Path("prefetch-keys")
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "prefetchKeysLink", summary = "App switch: download the user's keys, then return to returnUrl")
    public Response prefetchKeys(@QueryParam("returnUrl") String returnUrl) {
        Optional<String> target = AppSwitch.safeTarget(returnUrl);
        if (target.isEmpty()) {
            return page(400, new Instruction("prefetch-keys", null, null, null, null, null, new Problem(ErrorCode.INVALID_LINK.name(),
                    "returnUrl must be an https: URL or an app scheme (myapp://...); javascript:, data:, http: and relative URLs are "
                            + "never followed.")));
        }
        return page(200, new Instruction("prefetch-keys", null, null, null, null, target.get(), null));
    }

    private static Response back(String target, ErrorCode code, String message) {
        return Response.seeOther(URI.create(AppSwitch.withError(target, code, message))).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private Response page(int status, Instruction instruction) {
        try {
            return Response.status(status).type(MediaType.TEXT_HTML_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .entity(page.render(null, null, json.writeValueAsString(instruction))).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
