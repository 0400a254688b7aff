package dev.odksim.web;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's headless Chromium driven through /usr/bin/chromedriver, with a fresh profile per browser; the browser tests
 * are skipped (not failed) where chromedriver is not installed.
 */
final class HeadlessChromium {

    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final String CHROMIUM = "/usr/bin/chromium";

    private final WebDriver driver;
    private final Path profile;

    private HeadlessChromium(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** {@code width} x {@code height}: the window, e.g. a phone's 390 x 844. */
    static HeadlessChromium start(int width, int height) throws IOException {
        return start(width, height, java.util.List.of());
    }

    /** {@code extraArguments}: more Chromium switches, e.g. {@code --ignore-certificate-errors-spki-list=…}. */
    static HeadlessChromium start(int width, int height, java.util.List<String> extraArguments) throws IOException {
        assumeTrue(CHROMEDRIVER.exists(),
                "Browser tests skipped: /usr/bin/chromedriver is not installed (apt-get install chromium chromium-driver)");
        Path profile = Files.createTempDirectory("odk-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile);
        options.addArguments(extraArguments);
        // The browser's console, so a test can see Content-Security-Policy violations (docs/security.md, finding 6).
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    WebDriver driver() {
        return driver;
    }

    /** Console lines about a Content-Security-Policy violation since the last call (the page's or the browser's own). */
    java.util.List<String> cspViolations() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
    }

    /** Quits the browser and removes its profile; safe to call on a browser that never started. */
    static void quit(HeadlessChromium browser) {
        if (browser == null) {
            return;
        }
        browser.driver.quit();
        try (Stream<Path> files = Files.walk(browser.profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a leftover temp profile is harmless
        }
    }
}
