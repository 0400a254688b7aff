package dev.odksim.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The dashboard in a real browser: it asks for the admin token once, then shows the demo project's locks and stickers
 * (with server-drawn QR codes) and sticker scans, and drives time travel and the integrator's fault knobs. Global state it changes is
 * put back after each test.
 */
@QuarkusTest
class DashboardBrowserTest {

    static final String ADMIN = "Bearer test-admin-token";

    static HeadlessChromium browser;
    static WebDriver driver;
    static WebDriverWait wait;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = HeadlessChromium.start(1280, 900);
        driver = browser.driver();
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @AfterAll
    static void quitBrowser() {
        HeadlessChromium.quit(browser);
    }

    @BeforeEach
    void freshBrowser() {
        driver.get(url("dashboard/"));
        ((JavascriptExecutor) driver).executeScript("localStorage.clear();");
    }

    @AfterEach
    void restoreGlobalState() {
        given().header("Authorization", ADMIN).contentType("application/json").body(Map.of("offsetSeconds", 0))
                .put("/api/sim/v1/clock").then().statusCode(200);
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"latencyMs\":0,\"forceStatus\":null,\"malformedBody\":false}")
                .put("/integrator/admin/faults").then().statusCode(200);
    }

    @Test
    void asksForTheTokenOnceThenShowsLocksAndStickersWithQrCodes() {
        given().accept("application/json").get("/t/demo-storage").then().statusCode(200); // a scan to show
        driver.get(url("dashboard/"));
        enterToken("wrong-token");
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-message")));
        assertThat(message.getText()).contains("not accepted");

        enterToken("test-admin-token");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("project-select"), "Demo Facility"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("locks"), "Front door"));
        WebElement tag = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=tag-demo-front]")));
        assertThat(tag.findElement(By.cssSelector("[data-testid=tag-url]")).getText()).endsWith("/t/demo-front");
        WebElement qr = tag.findElement(By.cssSelector("img.qr"));
        wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                "return arguments[0].complete ? arguments[0].naturalWidth : 0", qr)).intValue() > 0);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#decisions thead th")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sms-table thead th")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("scans"), "demo-storage"));

        driver.navigate().refresh(); // the token is remembered
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("locks"), "Front door"));
        assertThat(driver.findElement(By.id("token-panel")).isDisplayed()).isFalse();
    }

    @Test
    void timeTravelAndIntegratorFaultsAreDrivenFromTheDashboard() {
        driver.get(url("dashboard/"));
        enterToken("test-admin-token");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("locks"), "Front door"));

        driver.findElement(By.cssSelector("[data-shift='3600']")).click();
        wait.until(ExpectedConditions.textToBe(By.id("clock-offset"), "+1 h"));
        given().header("Authorization", ADMIN).get("/api/sim/v1/clock").then().body("offsetSeconds", equalTo(3600));
        driver.findElement(By.id("clock-reset")).click();
        wait.until(ExpectedConditions.textToBe(By.id("clock-offset"), "0 s"));

        WebElement status = driver.findElement(By.id("fault-status"));
        status.clear();
        status.sendKeys("503");
        driver.findElement(By.id("faults-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("faults-state"), "forced HTTP 503"));
        given().header("Authorization", ADMIN).get("/integrator/admin/faults").then().body("forceStatus", equalTo(503));
        driver.findElement(By.id("faults-reset")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("faults-state"), "No faults"));
        given().header("Authorization", ADMIN).get("/integrator/admin/faults").then().body("forceStatus", nullValue());
    }

    private void enterToken(String token) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
        input.clear();
        input.sendKeys(token);
        driver.findElement(By.id("token-save")).click();
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + "/" + path;
    }
}
