package dev.odksim.tag;

import dev.odksim.common.OdkConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The association documents and the open-in-app link from configuration (without restarting Quarkus per setting). */
class AppLinksTest {

    static AppLinks appLinks(Map<String, Object> settings) {
        OdkConfig.AppLinks linkConfig = (OdkConfig.AppLinks) Proxy.newProxyInstance(AppLinksTest.class.getClassLoader(),
                new Class<?>[]{OdkConfig.AppLinks.class}, (proxy, method, args) -> {
                    Object value = settings.get(method.getName());
                    return method.getReturnType() == boolean.class ? Boolean.TRUE.equals(value) : Optional.ofNullable(value);
                });
        OdkConfig config = (OdkConfig) Proxy.newProxyInstance(AppLinksTest.class.getClassLoader(), new Class<?>[]{OdkConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("appLinks")) {
                        return linkConfig;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        AppLinks links = new AppLinks();
        links.config = config;
        links.urls = null;
        return links;
    }

    /** The document as it goes on the wire (JSON read back as maps and lists). */
    private static Object wire(Object document) {
        return new com.fasterxml.jackson.databind.ObjectMapper().convertValue(document, Object.class);
    }

    @Test
    void nothingConfiguredMeansEmptyDocumentsAndNoLink() {
        AppLinks links = appLinks(Map.of());
        assertThat(links.assetLinks()).isEmpty();
        assertThat(wire(links.appleAppSiteAssociation())).isEqualTo(Map.of("applinks", Map.of("apps", List.of(), "details", List.of())));
        assertThat(links.openInAppUrl("t1", "l1", "p.r.o")).isEmpty();
    }

    @Test
    void configuredAppsClaimStickerUrls() {
        AppLinks links = appLinks(Map.of("androidPackage", "com.example.odk",
                "androidSha256CertFingerprints", List.of("14:6D:E9:83"), "iosAppIds", List.of("ABCDE12345.com.example.odk")));
        assertThat(wire(links.assetLinks())).isEqualTo(List.of(Map.<String, Object>of(
                "relation", List.of("delegate_permission/common.handle_all_urls"),
                "target", Map.of("namespace", "android_app", "package_name", "com.example.odk",
                        "sha256_cert_fingerprints", List.of("14:6D:E9:83")))));
        @SuppressWarnings("unchecked")
        Map<String, Object> applinks = (Map<String, Object>) ((Map<String, Object>) wire(links.appleAppSiteAssociation())).get("applinks");
        List<?> details = (List<?>) applinks.get("details");
        assertThat(details).hasSize(1);
        Map<?, ?> detail = (Map<?, ?>) details.get(0);
        assertThat(detail.get("appIDs")).isEqualTo(List.of("ABCDE12345.com.example.odk"));
        assertThat(detail.get("paths")).isEqualTo(List.of("/t/*"));
    }

    @Test
    void theOpenInAppLinkCarriesTheProofPercentEncoded() {
        AppLinks links = appLinks(Map.of("openInAppUrl", "odkapp://lock/{lockId}?tag={tagId}&proof={scanProof}"));
        assertThat(links.openInAppUrl("t 1", "danalock-d4:b5/x", "aaa.bbb.ccc")).contains(
                "odkapp://lock/danalock-d4%3Ab5%2Fx?tag=t%201&proof=aaa.bbb.ccc");
        assertThat(AppLinks.asUri("odkapp://lock/x?proof=a.b.c")).isNotNull();
        assertThat(AppLinks.asUri("odk app://broken")).as("a template making no URI falls back to the page").isNull();
    }
}
