package dev.odksim.web;

import dev.odksim.testing.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sticker trust in the phone web app (DESIGN.md §5): the page opened from a sticker carries the scan proof into the
 * access request of a project that requires one; a typed lock id (no scan) is refused in words; a replayed mirror URL
 * is shown as such.
 */
@QuarkusTest
class StickerPageBrowserTest {

    static HeadlessChromium browser;
    static WebDriver driver;
    static WebDriverWait wait;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = HeadlessChromium.start(360, 740);
        driver = browser.driver();
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @AfterAll
    static void quitBrowser() {
        HeadlessChromium.quit(browser);
    }

    @Test
    void theStickerPagePassesItsScanProofAndATypedLockIsRefused() {
        String project = Api.projectCalling("http://localhost:" + RestAssured.port + "/integrator/check-access",
                Map.of("auth", Map.of("type", "header", "headerName", "X-Api-Key", "headerValue", "demo-integrator-key"),
                        "requireScanProof", true));
        String lock = Api.newLock(project);
        String typedLock = Api.newLock(project);
        String worker = workerWithTaskAt(List.of(lock, typedLock));
        String tag = Api.admin().body(Map.of("lockId", lock)).post("/api/admin/v1/projects/" + project + "/tags")
                .then().statusCode(201).extract().path("tagId");

        driver.get(url("app"));
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear(); localStorage.clear();");
        driver.get(url("t/" + tag));
        wait.until(ExpectedConditions.textToBe(By.id("lock-id"), lock));
        assertThat(driver.findElement(By.id("open-in-app")).isDisplayed()).as("no app link configured").isFalse();
        logIn(worker);
        click("request-access");
        WebElement countdown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-countdown")));
        wait.until(d -> countdown.getText().startsWith("Valid for"));

        driver.get(url("app?lock=" + typedLock));
        click("request-access");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        wait.until(ExpectedConditions.textToBePresentInElement(error, "SCAN_PROOF_REQUIRED"));
        assertThat(error.getText()).contains("scan the lock's sticker");
        assertThat(Api.keys(project, typedLock)).isEmpty();
    }

    @Test
    void aReplayedMirrorUrlIsShownAsSuch() {
        String project = Api.projectCalling("http://localhost:" + RestAssured.port + "/integrator/check-access", Map.of());
        String tag = Api.admin().body(Map.of("lockId", Api.newLock(project), "mode", "ntag-mirror", "chipUid", "04A1B2C3D4E5F6"))
                .post("/api/admin/v1/projects/" + project + "/tags").then().statusCode(201).extract().path("tagId");
        driver.get(url("t/" + tag + "?m=04A1B2C3D4E5F6x000003"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lock-chosen")));
        driver.get(url("t/" + tag + "?m=04A1B2C3D4E5F6x000003"));
        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan-problem")));
        assertThat(problem.getText()).contains("Replayed sticker URL").contains("replay of an earlier tap").contains("SCAN_REPLAY");
        assertThat(driver.findElement(By.id("lock-chosen")).isDisplayed()).isFalse();
    }

    /** A new reference-integrator worker (own number, so the OTP limits of the shared test numbers are not touched). */
    private static String workerWithTaskAt(List<String> locks) {
        String phone = "+4741" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        String workerId = Api.uniqueId("w");
        Api.admin().body(Map.of("id", workerId, "name", "Sticker Tester", "phone", phone)).post("/integrator/admin/workers")
                .then().statusCode(201);
        String location = Api.uniqueId("loc");
        Api.admin().body(Map.of("id", location, "name", "Sticker location", "lockIds", locks)).post("/integrator/admin/locations")
                .then().statusCode(201);
        Instant now = Instant.now();
        Api.admin().body(Map.of("workerId", workerId, "locationId", location, "title", "Sticker task",
                "start", now.minusSeconds(60).toString(), "end", now.plusSeconds(3600).toString()))
                .post("/integrator/admin/tasks").then().statusCode(201);
        return phone;
    }

    private void logIn(String number) {
        type("phone-input", number);
        click("otp-request");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code-input")));
        type("code-input", Api.latestCode(number));
        click("otp-verify");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("request-access")));
    }

    private void type(String id, String text) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        input.clear();
        input.sendKeys(text);
    }

    private void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + "/" + path;
    }
}
