package dev.odksim.tag;

import dev.odksim.common.OdkConfig;
import dev.odksim.common.PercentEncoding;
import dev.odksim.common.PublicUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** {@code /.well-known/assetlinks.json}: one statement for the configured Android app, or none. */
    public List<Map<String, Object>> assetLinks() {
        var android = config.appLinks();
        if (android.androidPackage().isEmpty()) {
            return List.of();
        }
        return List.of(Map.of(
                "relation", List.of("delegate_permission/common.handle_all_urls"),
                "target", Map.of("namespace", "android_app",
                        "package_name", android.androidPackage().get(),
                        "sha256_cert_fingerprints", android.androidSha256CertFingerprints().orElse(List.of()))));
    }

    /** {@code /.well-known/apple-app-site-association}: the configured iOS apps may open sticker URLs ({@code /t/*}). */
    public Map<String, Object> appleAppSiteAssociation() {
        List<String> appIds = config.appLinks().iosAppIds().orElse(List.of());
        List<Object> details = appIds.isEmpty() ? List.of() : List.of(Map.of(
                "appIDs", appIds,
                "components", List.of(Map.of("/", STICKER_PATHS, "comment", "odk-sim sticker URLs")),
                "paths", List.of(STICKER_PATHS)));
        Map<String, Object> applinks = new LinkedHashMap<>();
        applinks.put("apps", List.of());
        applinks.put("details", details);
        return Map.of("applinks", applinks);
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
