package dev.odksim.web;

import dev.odksim.testing.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.ByteArrayInputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The phone page as a phone on the LAN sees it over HTTPS, in headless Chromium that trusts the simulator's CA (by
 * the CA's SPKI hash, as a phone that installed it from /trust): at the LAN address the page is a secure context, so it
 * registers a WebCrypto device key and gets a device-bound key that opens the lock; the service worker installs and
 * caches the shell only; the secure-context note stays hidden. The same page over plain HTTP shows the note.
 */
@QuarkusTest
class PhoneHttpsBrowserTest {

    @RegisterExtension
    static final Browser phone = new Browser(390, 844, () -> List.of("--ignore-certificate-errors-spki-list=" + caSpkiHash()));

    @TestHTTPResource(value = "/", tls = true)
    URL httpsRoot;

    @Test
    void overHttpsOnTheLanThePageIsSecureRegistersADeviceKeyAndInstallsTheShell() throws Exception {
        String lock = Api.demoLockForKari();
        String base = "https://" + lanAddress() + ":" + httpsRoot.getPort();
        phone.driver().get(base + "/app?lock=" + lock);
        phone.waiting().until(ExpectedConditions.textToBe(By.id("lock-id"), lock));
        phone.script("sessionStorage.clear(); localStorage.clear();");
        phone.driver().navigate().refresh();
        phone.waiting().until(ExpectedConditions.textToBe(By.id("lock-id"), lock));

        assertThat(phone.script("return window.isSecureContext")).isEqualTo(true);
        assertThat(phone.script("return location.protocol")).isEqualTo("https:");
        assertThat(phone.driver().findElement(By.id("secure-context-note")).isDisplayed()).isFalse();
        assertThat(phone.driver().findElement(By.id("device-key-note")).isDisplayed()).isFalse();

        // The service worker: registered for the whole origin, its cache the shell only, never an API answer.
        phone.waiting().until(d -> "ready".equals(phone.script("return document.body.getAttribute('data-service-worker')"))
                || "failed".equals(phone.script("return document.body.getAttribute('data-service-worker')")));
        assertThat(phone.script("return document.body.getAttribute('data-service-worker-error')")).isNull();
        @SuppressWarnings("unchecked")
        List<String> cached = (List<String>) ((JavascriptExecutor) phone.driver()).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "caches.open('odk-shell-v1').then(c => c.keys()).then(rs => done(rs.map(r => new URL(r.url).pathname)));");
        assertThat(cached).contains("/app", "/app/phone.js", "/app/manifest.webmanifest", "/app/icon-192.png")
                .noneMatch(path -> path.startsWith("/api/") || path.startsWith("/t/") || path.equals("/app/clock"));
        assertThat(phone.script("return document.querySelector('link[rel=manifest]').href")).isEqualTo(base + "/app/manifest.webmanifest");

        // Log in: the page makes a WebCrypto key pair and registers it; the key it gets is bound to it.
        phone.phoneLogIn(Api.KARI);
        phone.click("request-access");
        WebElement binding = phone.visible("key-binding");
        phone.waiting().until(ExpectedConditions.attributeToBe(binding, "data-bound", "true"));
        List<Map<String, Object>> keys = Api.keys("demo", lock);
        assertThat(keys).singleElement().satisfies(k -> assertThat(k.get("deviceBound")).isEqualTo(true));

        phone.click("unlock");
        phone.waiting().until(ExpectedConditions.attributeToBe(phone.visible("unlock-result"), "data-result", "unlocked"));
        phone.script("document.getElementById('key-step').scrollIntoView()");
        Audits.screenshot(phone.driver(), "phone-https-key");
    }

    @Test
    void overPlainHttpOnTheLanThePageSaysWhatIsOffAndLinksTrust() throws Exception {
        int httpPort = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        phone.driver().get("http://" + lanAddress() + ":" + httpPort + "/app");
        WebElement note = phone.visible("secure-context-note");
        Audits.assertAccessible(phone.driver(), "phone page over plain HTTP, with the note");
        Audits.screenshot(phone.driver(), "phone-http-notice");
        assertThat(note.getText()).contains("device-bound keys").contains("NFC").contains("installing");
        assertThat(phone.script("return document.body.getAttribute('data-service-worker')")).isEqualTo("unavailable");
        note.findElement(By.id("secure-context-trust")).click();
        phone.waiting().until(ExpectedConditions.urlContains("/trust"));
        assertThat(phone.visible("fingerprint").getText()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        Audits.screenshot(phone.driver(), "trust");
    }

    /** base64(SHA-256(SubjectPublicKeyInfo)) of the CA /trust hands out: what Chromium's SPKI allow-list takes. */
    static String caSpkiHash() {
        try {
            int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
            byte[] der = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/trust/odk-sim-ca.crt")).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(ca.getPublicKey().getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the simulator's CA from /trust", e);
        }
    }

    static String lanAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        }
        assumeTrue(false, "this machine has no non-loopback IPv4 address");
        return null;
    }
}
