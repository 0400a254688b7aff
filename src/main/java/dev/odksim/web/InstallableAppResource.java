package dev.odksim.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.odksim.common.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What makes the phone page an installable app: the web app manifest and its icons (the service worker is the static
 * {@code /sw.js}). Installed, it opens full screen, and sticker URLs ({@code /t/…}, inside its scope) open in it.
 */
@Tag(name = "Phone app")
@Path("/") // not "/app": a class at /app would hide PhonePageResource's GET /app
public class InstallableAppResource {

    static final String MANIFEST = "application/manifest+json";
    /** The icons the manifest lists, by file name: size in pixels and whether it is the maskable variant. */
    static final Map<String, Icon> ICONS = Map.of(
            "icon-192.png", new Icon("/app/icon-192.png", "192x192", "image/png", "any"),
            "icon-512.png", new Icon("/app/icon-512.png", "512x512", "image/png", "any"),
            "icon-maskable-512.png", new Icon("/app/icon-maskable-512.png", "512x512", "image/png", "maskable"),
            "apple-touch-icon.png", new Icon("/app/apple-touch-icon.png", "180x180", "image/png", "any"));

    private final Map<String, byte[]> drawn = new ConcurrentHashMap<>(); // a cache: the same bytes every time

    /** An entry of the manifest's {@code icons} (W3C Web App Manifest). */
    public record Icon(@Schema(required = true) String src, @Schema(required = true) String sizes,
                       @Schema(required = true) String type, @Schema(required = true) String purpose) {
    }

    /** The W3C web app manifest of the phone app. */
    public record WebAppManifest(@Schema(required = true) String id, @Schema(required = true) String name,
                                 @Schema(required = true, name = "short_name") @JsonProperty("short_name") String shortName,
                                 @Schema(required = true) String description,
                                 @Schema(required = true, name = "start_url") @JsonProperty("start_url") String startUrl,
                                 @Schema(required = true) String scope, @Schema(required = true) String display,
                                 @Schema(required = true, name = "background_color") @JsonProperty("background_color") String backgroundColor,
                                 @Schema(required = true, name = "theme_color") @JsonProperty("theme_color") String themeColor,
                                 @Schema(required = true) List<Icon> icons) {
    }

    @GET
    @Path("app/manifest.webmanifest")
    @Produces(MANIFEST)
    @Operation(operationId = "getPhoneAppManifest", summary = "The web app manifest that makes the phone page installable")
    public WebAppManifest manifest() {
        return new WebAppManifest("/app", "odk-sim phone", "odk-sim",
                "Plays the Unloc app against the odk-sim simulator: scan a sticker, log in, get a key, unlock.",
                "/app", "/", "standalone", "#eef1f5", "#1d3557",
                List.of(ICONS.get("icon-192.png"), ICONS.get("icon-512.png"), ICONS.get("icon-maskable-512.png")));
    }

    @GET
    @Path("app/{file: (icon-192|icon-512|icon-maskable-512|apple-touch-icon)\\.png}")
    @Produces("image/png")
    @Operation(operationId = "getPhoneAppIcon", summary = "A home-screen icon of the phone app")
    @APIResponse(responseCode = "200", description = "The icon", content = @Content(mediaType = "image/png"))
    public Response icon(@PathParam("file") String file) {
        Icon icon = ICONS.get(file);
        if (icon == null) {
            throw ProblemException.notFound("Icon", file);
        }
        int size = Integer.parseInt(icon.sizes().substring(0, icon.sizes().indexOf('x')));
        byte[] png = drawn.computeIfAbsent(file, f -> AppIcons.png(size, "maskable".equals(icon.purpose())));
        CacheControl cache = new CacheControl();
        cache.setMaxAge(86400);
        return Response.ok(png, "image/png").cacheControl(cache).build();
    }
}
