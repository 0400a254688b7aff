package dev.odksim.tls;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * /trust over plain HTTP: the page names the CA's fingerprint and links the .crt and the iOS profile, which carry the
 * very CA that HTTPS chains to; a QR code of the page; the manifest and icons that make the phone page installable.
 */
@QuarkusTest
class TrustPageTest {

    @Test
    void thePageShowsTheFingerprintAndLinksBothDownloads() throws Exception {
        X509Certificate ca = HttpsServedTest.caFromTrustPage();
        String html = RestAssured.get("/trust").then().statusCode(200).contentType("text/html").extract().asString();
        assertThat(html).contains(HttpsCertificates.fingerprint(ca)).contains("href=\"/trust/odk-sim-ca.crt\"")
                .contains("href=\"/trust/odk-sim-ca.mobileconfig\"").contains("Android").contains("iPhone")
                .contains("src=\"/trust/qr.svg\"").doesNotContain("<script").doesNotContain("style=");

        String profile = RestAssured.get("/trust/odk-sim-ca.mobileconfig").then().statusCode(200)
                .contentType("application/x-apple-aspen-config").extract().asString();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> payloads = (List<Map<String, Object>>) MobileConfigTest.parsePlist(profile).get("PayloadContent");
        assertThat(payloads.get(0)).containsEntry("PayloadType", "com.apple.security.root");
        assertThat((byte[]) payloads.get(0).get("PayloadContent")).isEqualTo(ca.getEncoded());

        RestAssured.get("/trust/odk-sim-ca.crt").then().header("Content-Disposition", containsString("odk-sim-ca.crt"));
        RestAssured.get("/trust/qr.svg").then().statusCode(200).contentType("image/svg+xml").body(containsString("<path d=\"M"));
    }

    @Test
    void thePhoneAppIsInstallable() {
        RestAssured.get("/app/manifest.webmanifest").then().statusCode(200).contentType("application/manifest+json")
                .body("start_url", org.hamcrest.Matchers.equalTo("/app"))
                .body("scope", org.hamcrest.Matchers.equalTo("/"))
                .body("display", org.hamcrest.Matchers.equalTo("standalone"))
                .body("icons.purpose", org.hamcrest.Matchers.hasItems("any", "maskable"));
        byte[] icon = RestAssured.get("/app/icon-512.png").then().statusCode(200).contentType("image/png").extract().asByteArray();
        assertThat(icon).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        RestAssured.get("/app/icon-77.png").then().statusCode(404);
        String page = RestAssured.get("/app").then().statusCode(200).extract().asString();
        assertThat(page).contains("rel=\"manifest\"").contains("/app/install.js").contains("href=\"/trust\"");
        RestAssured.get("/sw.js").then().statusCode(200).body(containsString("odk-shell"));
    }
}
