package dev.odksim.tag;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.PercentEncoding;
import dev.odksim.common.PublicUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * How an app claims sticker URLs (docs/design.md §5): the App Links / Universal Links association documents, and the
 * optional open-in-app link (custom scheme or Android intent URL) a browser's scan is handed to.
 */
@ApplicationScoped
public class AppLinks {

    static final String STICKER_PATHS = "/t/*";
    private static final Logger LOG = Logger.getLogger(AppLinks.class);

    @Inject
    OdkConfig config;
    @Inject
    PublicUrls urls;

    /** One Digital Asset Links statement: this app may handle the site's URLs. */
    public record AssetLink(@Schema(required = true) List<String> relation, @Schema(required = true) AndroidApp target) {
    }

    public record AndroidApp(@Schema(required = true, enumeration = "android_app") String namespace,
                             @JsonProperty("package_name") @Schema(required = true) String packageName,
                             @JsonProperty("sha256_cert_fingerprints") @Schema(required = true) List<String> sha256CertFingerprints) {
    }

    /** The apple-app-site-association document (Universal Links). */
    public record AppleAppSiteAssociation(@Schema(required = true) UniversalLinks applinks) {
    }

    @JsonPropertyOrder({"apps", "details"})
    public record UniversalLinks(@Schema(required = true) List<String> apps, @Schema(required = true) List<AppDetail> details) {
    }

    public record AppDetail(@JsonProperty("appIDs") @Schema(required = true) List<String> appIds,
                            @Schema(required = true) List<UrlComponent> components, @Schema(required = true) List<String> paths) {
    }

    /** A URL component pattern: {@code "/"} is the path pattern. */
    public record UrlComponent(@JsonProperty("/") @Schema(required = true) String path, String comment) {
    }

    /** {@code /.well-known/assetlinks.json}: one statement for the configured Android app, or none. */
    public List<AssetLink> assetLinks() {
        var android = config.appLinks();
        if (android.androidPackage().isEmpty()) {
            return List.of();
        }
        return List.of(new AssetLink(List.of("delegate_permission/common.handle_all_urls"), new AndroidApp("android_app",
                android.androidPackage().get(), android.androidSha256CertFingerprints().orElse(List.of()))));
    }

    /** {@code /.well-known/apple-app-site-association}: the configured iOS apps may open sticker URLs ({@code /t/*}). */
    public AppleAppSiteAssociation appleAppSiteAssociation() {
        List<String> appIds = config.appLinks().iosAppIds().orElse(List.of());
        List<AppDetail> details = appIds.isEmpty() ? List.of() : List.of(new AppDetail(appIds,
                List.of(new UrlComponent(STICKER_PATHS, "odk-sim sticker URLs")), List.of(STICKER_PATHS)));
        return new AppleAppSiteAssociation(new UniversalLinks(List.of(), details));
    }

    /**
     * The configured open-in-app link for an accepted scan, placeholders filled in (percent-encoded). It carries the
     * scan proof rather than the sticker URL: the app must not re-resolve a mirror/SUN URL, that would be a replay.
     */
    public Optional<String> openInAppUrl(String tagId, String lockId, String scanProof) {
        return config.appLinks().openInAppUrl().map(template -> template
                .replace("{tagId}", PercentEncoding.encode(tagId))
                .replace("{lockId}", PercentEncoding.encode(lockId))
                .replace("{scanProof}", PercentEncoding.encode(scanProof))
                .replace("{phoneUrl}", template.contains("{phoneUrl}")
                        ? PercentEncoding.encode(urls.base() + "/app?lock=" + PercentEncoding.encode(lockId)) : ""));
    }

    /** The link as a URI, or null when there is none or the configured template does not make a valid URI. */
    static URI asUri(String link) {
        if (link == null) {
            return null;
        }
        try {
            return new URI(link);
        } catch (URISyntaxException e) {
            LOG.warnf("odk.app-links.open-in-app-url does not make a valid URI (%s); browsers get the phone page", e.getReason());
            return null;
        }
    }

    public boolean redirectBrowsers() {
        return config.appLinks().redirectBrowsers();
    }
}
