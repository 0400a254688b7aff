package dev.odksim.web;

import dev.odksim.testing.Api;
import io.restassured.RestAssured;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/**
 * One headless Chromium per browser test class, as a JUnit extension ({@code @RegisterExtension static Browser b =
 * new Browser(360, 740)}), with what every browser test does: open a page of the test app, wait for a condition,
 * type into and click elements by id. Skips the class where chromedriver is missing (see {@link HeadlessChromium}).
 */
final class Browser implements BeforeAllCallback, AfterAllCallback {

    private final int width;
    private final int height;
    private final java.util.function.Supplier<java.util.List<String>> extraArguments;
    private HeadlessChromium chromium;
    private WebDriverWait wait;

    Browser(int width, int height) {
        this(width, height, java.util.List::of);
    }

    /**
     * {@code extraArguments}: more Chromium switches, asked for when the browser starts (after the test application
     * has started, so they may depend on it, e.g. the SPKI hash of its HTTPS certificate).
     */
    Browser(int width, int height, java.util.function.Supplier<java.util.List<String>> extraArguments) {
        this.width = width;
        this.height = height;
        this.extraArguments = extraArguments;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        chromium = HeadlessChromium.start(width, height, extraArguments.get());
        wait = new WebDriverWait(chromium.driver(), Duration.ofSeconds(20));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (chromium != null) {
                // Every page the class opened ran under the app's Content-Security-Policy without a violation.
                org.assertj.core.api.Assertions.assertThat(chromium.cspViolations()).as("Content-Security-Policy violations").isEmpty();
            }
        } finally {
            HeadlessChromium.quit(chromium);
            chromium = null;
        }
    }

    WebDriver driver() {
        return chromium.driver();
    }

    WebDriverWait waiting() {
        return wait;
    }

    /**
     * {@code path} (no leading slash) on the test application, always at {@code localhost}: a secure context, so the
     * phone page has WebCrypto as on HTTPS. (RestAssured's port is the test application's during a test.)
     */
    String url(String path) {
        return "http://localhost:" + RestAssured.port + "/" + path;
    }

    void open(String path) {
        driver().get(url(path));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver()).executeScript(js, args);
    }

    WebElement visible(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    void type(String id, String text) {
        WebElement input = visible(id);
        input.clear();
        input.sendKeys(text);
    }

    void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /** The phone page's login: number, the code from the simulator's SMS inbox, until "Request access" shows. */
    void phoneLogIn(String number) {
        Api.forgetCodeRequests(number);
        type("phone-input", number);
        click("otp-request");
        visible("code-input");
        type("code-input", Api.latestCode(number));
        click("otp-verify");
        visible("request-access");
    }
}
