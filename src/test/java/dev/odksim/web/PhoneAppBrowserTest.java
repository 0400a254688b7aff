package dev.odksim.web;

import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The phone web app in a real browser (headless Chromium, at localhost: a secure context with WebCrypto): a sticker
 * opens the flow, a worker logs in with the code from the SMS inbox, gets a key with a countdown and unlocks; a key
 * bound to the browser's device key opens the lock through a signed challenge; at a plain-http network address (no
 * WebCrypto) the page says keys are not device-bound; a worker without a task, and an unknown sticker, are told what
 * happened in words.
 */
@QuarkusTest
class PhoneAppBrowserTest {

    static final String KARI = Api.KARI;
    static final String OLA = Api.OLA;

    @RegisterExtension
    static final Browser phone = new Browser(360, 740); // a small phone's screen

    WebDriverWait wait;

    @BeforeEach
    void freshPhone() {
        // Every test is a fresh phone: no session, no device id (device key pairs are kept per device id).
        wait = phone.waiting();
        phone.open("app");
        phone.script("sessionStorage.clear(); localStorage.clear();");
    }

    @Test
    void workerWithTaskScansLogsInGetsKeyAndUnlocks() {
        phone.open("t/demo-front");
        wait.until(ExpectedConditions.textToBe(By.id("lock-name"), "Front door"));

        logIn(KARI);

        phone.click("request-access");
        WebElement countdown = phone.visible("key-countdown");
        wait.until(d -> countdown.getText().matches("Valid for \\d+(:\\d\\d)+"));
        assertThat(phone.driver().findElement(By.id("key-state")).getText()).isEqualToIgnoringCase("active");
        assertThat(phone.driver().findElement(By.id("key-id")).getText()).isNotBlank();
        String first = countdown.getText();
        wait.until(d -> !countdown.getText().equals(first)); // it counts down live

        phone.click("unlock");
        WebElement result = phone.visible("unlock-result");
        wait.until(ExpectedConditions.attributeToBe(result, "data-result", "unlocked"));
        assertThat(result.getText()).contains("Unlocked");

        phone.click("logout");
        phone.visible("phone-input");
        assertThat(phone.driver().findElement(By.id("key-step")).isDisplayed()).isFalse();
    }

    @Test
    void deviceBoundKeyUnlocksThroughTheLocksChallenge() {
        String lock = Api.demoLockForKari(); // a lock no other test has a key for, so the key is minted for this login
        phone.open("app?lock=" + lock);
        wait.until(ExpectedConditions.textToBe(By.id("lock-id"), lock));
        assertThat(phone.driver().findElement(By.id("device-key-note")).isDisplayed()).as("localhost is a secure context").isFalse();

        logIn(KARI);
        phone.click("request-access");
        WebElement binding = phone.visible("key-binding");
        wait.until(ExpectedConditions.attributeToBe(binding, "data-bound", "true"));
        assertThat(binding.getText()).startsWith("device-bound");
        String keyId = phone.driver().findElement(By.id("key-id")).getText();

        List<Map<String, Object>> keys = Api.keys("demo", lock);
        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.get("id")).isEqualTo(keyId);
            assertThat(k.get("deviceBound")).isEqualTo(true);
        });
        String token = (String) keys.get(0).get("token");
        assertThat(Api.unlock(lock, token).<String>path("reason")).as("the key alone, without the phone's proof")
                .isEqualTo("PROOF_REQUIRED");

        phone.click("unlock"); // challenge, signed by the non-extractable key in this browser, then unlock
        WebElement result = phone.visible("unlock-result");
        wait.until(ExpectedConditions.attributeToBe(result, "data-result", "unlocked"));
        assertThat(result.findElement(By.cssSelector("[data-testid=unlock-key-id]")).getText()).isEqualTo(keyId);

        // The lock's log (lock package, shown on the dashboard): the refusal without proof, then the unlock.
        List<Map<String, Object>> events = Api.admin().queryParam("limit", 1000).get("/api/admin/v1/projects/demo/access-events")
                .then().statusCode(200).extract().path("accessEvents.findAll { it.lockId == '" + lock + "' }");
        assertThat(events).extracting(e -> e.get("result")).containsExactly("unlocked", "refused");
        assertThat((String) events.get(1).get("reason")).startsWith("PROOF_REQUIRED");
        Api.assertProblem(Api.admin().queryParam("limit", 0).get("/api/admin/v1/projects/demo/access-events"), 400);
        Api.assertProblem(Api.admin().get("/api/admin/v1/projects/no-such-project/access-events"), 404);
    }

    @Test
    void onAPlainHttpNetworkAddressThePageSaysKeysAreNotDeviceBound() throws Exception {
        String address = networkAddress();
        assumeTrue(address != null, "no non-loopback IPv4 address to reach the test application by");
        String lock = Api.newLock("demo");
        String worker = Api.workerWithTaskAt(List.of(lock));
        phone.driver().get(phone.url("app?lock=" + lock).replace("localhost", address)); // http://<LAN address>: not secure
        wait.until(ExpectedConditions.textToBe(By.id("lock-id"), lock));
        assertThat(phone.script("return window.isSecureContext")).isEqualTo(false);
        assertThat(phone.visible("device-key-note").getText()).contains("not a secure context").contains("not device-bound");

        logIn(worker);
        phone.click("request-access");
        WebElement binding = phone.visible("key-binding");
        wait.until(ExpectedConditions.attributeToBe(binding, "data-bound", "false"));
        assertThat(Api.keys("demo", lock)).singleElement().satisfies(k -> assertThat(k.get("deviceBound")).isEqualTo(false));
        phone.click("unlock");
        wait.until(ExpectedConditions.attributeToBe(phone.visible("unlock-result"), "data-result", "unlocked"));
    }

    @Test
    void workerWithoutTaskIsToldAccessWasDenied() {
        phone.open("t/demo-front");
        wait.until(ExpectedConditions.textToBe(By.id("lock-name"), "Front door"));

        logIn(OLA);

        phone.click("request-access");
        WebElement error = phone.visible("error");
        wait.until(ExpectedConditions.textToBePresentInElement(error, "DENIED"));
        assertThat(error.findElement(By.cssSelector("[data-testid=problem-title]")).getText()).contains("Access denied");
        assertThat(error.findElement(By.cssSelector("[data-testid=problem-sentence]")).getText())
                .contains("no task that lets you into this lock");
        assertThat(error.findElement(By.cssSelector("[data-testid=problem-reason]")).getText()).isEqualTo("DENIED");
        assertThat(phone.driver().findElement(By.id("key-step")).isDisplayed()).isFalse();
    }

    @Test
    void unknownStickerIsExplainedInWords() {
        phone.open("t/nope");
        WebElement problem = phone.visible("scan-problem");
        assertThat(problem.getText()).contains("Unknown sticker").contains("not registered").contains("UNKNOWN_TAG");
        assertThat(phone.driver().findElement(By.id("lock-chosen")).isDisplayed()).isFalse();
        assertThat(phone.driver().findElement(By.id("lock-id-input")).isDisplayed()).isTrue();
    }

    @Test
    void typedLockIdWorksWithoutASticker() {
        phone.open("app");
        phone.type("lock-id-input", "demo-storage");
        phone.click("lock-id-go");
        wait.until(ExpectedConditions.textToBe(By.id("lock-name"), "demo-storage"));
        phone.visible("phone-input");
        assertThat(phone.driver().findElement(By.id("code-hint")).isDisplayed()).isFalse();
    }

    /** This machine's first non-loopback IPv4 address (a phone on the LAN would use one like it), or null. */
    private static String networkAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return address.getHostAddress();
                }
            }
        }
        return null;
    }

    private void logIn(String number) {
        phone.phoneLogIn(number);
        assertThat(phone.driver().findElement(By.id("code-hint")).isDisplayed()).isFalse(); // the code step is over
        assertThat(phone.driver().findElement(By.id("who-number")).getText()).isEqualTo(number);
    }
}
