package dev.odksim.web;

import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The dashboard in a real browser: it asks for the admin token once, then shows the demo project's locks and stickers
 * (with server-drawn QR codes) and sticker scans, drives time travel and the integrator's fault knobs, validates the
 * demo project's endpoint, revokes a key and configures OAuth2 with field errors in place. Global state it changes is
 * put back after each test.
 */
@QuarkusTest
class DashboardBrowserTest {

    static final String ADMIN = "Bearer " + Api.ADMIN_TOKEN;

    @RegisterExtension
    static final Browser dashboard = new Browser(1280, 900);

    WebDriverWait wait;

    @BeforeEach
    void freshBrowser() {
        wait = dashboard.waiting();
        dashboard.open("dashboard/");
        dashboard.script("localStorage.clear();");
    }

    @AfterEach
    void restoreGlobalState() {
        Api.travel(0);
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"latencyMs\":0,\"forceStatus\":null,\"malformedBody\":false}")
                .put("/integrator/admin/faults").then().statusCode(200);
    }

    @Test
    void asksForTheTokenOnceThenShowsLocksAndStickersWithQrCodes() {
        given().accept("application/json").get("/t/demo-storage").then().statusCode(200); // a scan to show
        dashboard.open("dashboard/");
        enterToken("wrong-token");
        assertThat(dashboard.visible("token-message").getText()).contains("not accepted");

        enterToken(Api.ADMIN_TOKEN);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("project-select"), "Demo Facility"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("locks"), "Front door"));
        WebElement tag = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=tag-demo-front]")));
        assertThat(tag.findElement(By.cssSelector("[data-testid=tag-url]")).getText()).endsWith("/t/demo-front");
        WebElement qr = tag.findElement(By.cssSelector("img.qr"));
        wait.until(d -> ((Number) dashboard.script("return arguments[0].complete ? arguments[0].naturalWidth : 0", qr)).intValue() > 0);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#decisions thead th")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sms-table thead th")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("scans"), "demo-storage"));

        dashboard.driver().navigate().refresh(); // the token is remembered
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("locks"), "Front door"));
        assertThat(dashboard.driver().findElement(By.id("token-panel")).isDisplayed()).isFalse();
    }

    @Test
    void timeTravelAndIntegratorFaultsAreDrivenFromTheDashboard() {
        signIn();
        dashboard.click(By.cssSelector("[data-shift='3600']"));
        wait.until(ExpectedConditions.textToBe(By.id("clock-offset"), "+1 h"));
        given().header("Authorization", ADMIN).get("/api/sim/v1/clock").then().body("offsetSeconds", equalTo(3600));
        dashboard.click("clock-reset");
        wait.until(ExpectedConditions.textToBe(By.id("clock-offset"), "0 s"));

        dashboard.type("fault-status", "503");
        dashboard.click("faults-save");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("faults-state"), "forced HTTP 503"));
        given().header("Authorization", ADMIN).get("/integrator/admin/faults").then().body("forceStatus", equalTo(503));
        dashboard.click("faults-reset");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("faults-state"), "No faults"));
        given().header("Authorization", ADMIN).get("/integrator/admin/faults").then().body("forceStatus", nullValue());
    }

    @Test
    void validatesTheDemoProjectsEndpointAndShowsEveryCheckPassed() {
        signIn();
        WebElement grant = dashboard.visible("val-grant");
        assertThat(grant.getAttribute("value")).isEqualTo("demo-front-door:+4712345678"); // the demo pairs, filled in
        dashboard.type("val-repeats", "3");
        dashboard.click("val-run");

        WebElement run = dashboard.visible("validation-run");
        wait.until(ExpectedConditions.attributeToBe(run, "data-verdict", "CONFORMANT"));
        List<WebElement> checks = run.findElements(By.cssSelector("#validation-checks tbody tr"));
        assertThat(checks).hasSize(dev.odksim.conformance.Check.values().length);
        for (WebElement check : checks) {
            String id = check.getAttribute("data-testid");
            // tls.valid applies to https endpoints only; the demo project calls the bundled integrator over http
            assertThat(check.getAttribute("data-status")).as(id).isEqualTo(id.equals("check-tls.valid") ? "SKIP" : "PASS");
        }
        assertThat(run.findElement(By.cssSelector("[data-testid=validation-summary]")).getText()).contains("19 passed, 0 failed");
        String runId = run.getAttribute("data-run");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='validation-" + runId + "']")));
        Api.admin().get("/api/admin/v1/projects/demo/validations/" + runId).then().statusCode(200).body("verdict", equalTo("CONFORMANT"));
    }

    @Test
    void revokingAKeyShowsItRevokedAndBadOnDemandFieldsAreShownInPlace() {
        String project = Api.projectCalling("http://localhost:" + RestAssured.port + "/integrator/check-access", Map.of());
        String lock = Api.newLock(project);
        String keyId = Api.admin().body(Map.of("keys", List.of(Map.of("lockId", lock, "appUserId", Api.KARI))))
                .post("/api/admin/v1/projects/" + project + "/keys").then().statusCode(201).extract().path("keys[0].id");
        signIn();
        new Select(dashboard.visible("project-select")).selectByValue(project);

        dashboard.click(By.cssSelector("[data-testid='revoke-" + keyId + "']"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='revoked-" + keyId + "']")));
        assertThat(dashboard.driver().findElement(By.cssSelector("[data-testid='key-" + keyId + "']")).getAttribute("data-state"))
                .isEqualTo("revoked");
        Api.admin().get("/api/admin/v1/projects/" + project + "/keys/" + keyId).then().body("state", equalTo("revoked"));

        new Select(dashboard.visible("od-auth-type")).selectByValue("oauth2");
        dashboard.type("od-token-url", "not a url");
        dashboard.type("od-client-id", "odk-sim");
        dashboard.click("od-save");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='field-error-auth.tokenUrl']")));
        assertThat(error.getText()).contains("absolute http or https URL");
        assertThat(dashboard.driver().findElements(By.cssSelector("[data-testid='field-error-auth.clientSecret']"))).hasSize(1);
        Api.admin().get("/api/admin/v1/projects/" + project + "/on-demand").then().body("auth.type", equalTo("header"));

        dashboard.type("od-token-url", "http://localhost:" + RestAssured.port + "/oauth/token");
        dashboard.type("od-client-secret", "client-secret-5678");
        dashboard.click("od-require-scan-proof");
        dashboard.click("od-save");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("od-state"), "Saved"));
        assertThat(dashboard.driver().findElements(By.cssSelector(".field-error"))).isEmpty();
        assertThat(dashboard.driver().findElement(By.id("od-client-secret")).getAttribute("placeholder")).startsWith("****5678");
        dashboard.click("od-save"); // the secret field left empty keeps the stored secret
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("od-state"), "Saved"));
        Api.admin().get("/api/admin/v1/projects/" + project + "/on-demand").then()
                .body("auth.type", equalTo("oauth2")).body("auth.clientSecret", equalTo("****5678"))
                .body("requireScanProof", equalTo(true));
    }

    private void signIn() {
        dashboard.open("dashboard/");
        enterToken(Api.ADMIN_TOKEN);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("locks"), "Front door"));
    }

    private void enterToken(String token) {
        dashboard.type("token-input", token);
        dashboard.click("token-save");
    }
}
