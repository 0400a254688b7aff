package dev.odksim.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The phone web app in a real browser (headless Chromium): a sticker opens the flow, a worker logs in with the code
 * from the SMS inbox, gets a key with a countdown and unlocks; a worker without a task, and an unknown sticker,
 * are told what happened in words.
 */
@QuarkusTest
class PhoneAppBrowserTest {

    static final String KARI = "+4712345678";
    static final String OLA = "+4798765432";

    static HeadlessChromium browser;
    static WebDriver driver;
    static WebDriverWait wait;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = HeadlessChromium.start(360, 740); // a small phone's screen
        driver = browser.driver();
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @AfterAll
    static void quitBrowser() {
        HeadlessChromium.quit(browser);
    }

    @BeforeEach
    void freshPhone() {
        // Every test is a fresh phone: no session, no device id.
        driver.get(url("app"));
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear(); localStorage.clear();");
    }

    @Test
    void workerWithTaskScansLogsInGetsKeyAndUnlocks() {
        driver.get(url("t/demo-front"));
        wait.until(ExpectedConditions.textToBe(By.id("lock-name"), "Front door"));

        logIn(KARI);

        click("request-access");
        WebElement countdown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-countdown")));
        wait.until(d -> countdown.getText().matches("Valid for \\d+(:\\d\\d)+"));
        assertThat(driver.findElement(By.id("key-state")).getText()).isEqualToIgnoringCase("active");
        assertThat(driver.findElement(By.id("key-id")).getText()).isNotBlank();
        String first = countdown.getText();
        wait.until(d -> !countdown.getText().equals(first)); // it counts down live

        click("unlock");
        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("unlock-result")));
        wait.until(ExpectedConditions.attributeToBe(result, "data-result", "unlocked"));
        assertThat(result.getText()).contains("Unlocked");

        click("logout");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("phone-input")));
        assertThat(driver.findElement(By.id("key-step")).isDisplayed()).isFalse();
    }

    @Test
    void workerWithoutTaskIsToldAccessWasDenied() {
        driver.get(url("t/demo-front"));
        wait.until(ExpectedConditions.textToBe(By.id("lock-name"), "Front door"));

        logIn(OLA);

        click("request-access");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        wait.until(ExpectedConditions.textToBePresentInElement(error, "DENIED"));
        assertThat(error.findElement(By.cssSelector("[data-testid=problem-title]")).getText()).contains("Access denied");
        assertThat(error.findElement(By.cssSelector("[data-testid=problem-sentence]")).getText())
                .contains("no task that lets you into this lock");
        assertThat(error.findElement(By.cssSelector("[data-testid=problem-reason]")).getText()).isEqualTo("DENIED");
        assertThat(driver.findElement(By.id("key-step")).isDisplayed()).isFalse();
    }

    @Test
    void unknownStickerIsExplainedInWords() {
        driver.get(url("t/nope"));
        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan-problem")));
        assertThat(problem.getText()).contains("Unknown sticker").contains("not registered").contains("UNKNOWN_TAG");
        assertThat(driver.findElement(By.id("lock-chosen")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("lock-id-input")).isDisplayed()).isTrue();
    }

    @Test
    void typedLockIdWorksWithoutASticker() {
        driver.get(url("app"));
        type("lock-id-input", "demo-storage");
        click("lock-id-go");
        wait.until(ExpectedConditions.textToBe(By.id("lock-name"), "demo-storage"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("phone-input")));
        assertThat(driver.findElement(By.id("code-hint")).isDisplayed()).isFalse();
    }

    private void logIn(String number) {
        type("phone-input", number);
        click("otp-request");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code-input")));
        assertThat(driver.findElement(By.id("code-hint")).getText()).contains("SMS inbox");
        type("code-input", latestCode(number));
        click("otp-verify");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("request-access")));
        assertThat(driver.findElement(By.id("who-number")).getText()).isEqualTo(number);
    }

    /** The newest code sent to the number, from the simulator's SMS inbox (admin API). */
    private static String latestCode(String number) {
        return given().urlEncodingEnabled(false)
                .header("Authorization", "Bearer test-admin-token")
                .when().get("/api/sim/v1/sms?to=" + number.replace("+", "%2B"))
                .then().statusCode(200)
                .extract().path("messages[0].code");
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
