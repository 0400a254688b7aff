package dev.odksim.web;

import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sticker trust in the phone web app (docs/design.md §5): the page opened from a sticker carries the scan proof into the
 * access request of a project that requires one; a typed lock id (no scan) is refused in words; a replayed mirror URL
 * is shown as such.
 */
@QuarkusTest
class StickerPageBrowserTest {

    @RegisterExtension
    static final Browser phone = new Browser(360, 740);

    WebDriverWait wait;

    @BeforeEach
    void waiting() {
        wait = phone.waiting();
    }

    @Test
    void theStickerPagePassesItsScanProofAndATypedLockIsRefused() {
        String project = Api.projectCalling("http://localhost:" + RestAssured.port + "/integrator/check-access",
                Map.of("auth", Map.of("type", "header", "headerName", "X-Api-Key", "headerValue", "demo-integrator-key"),
                        "requireScanProof", true));
        String lock = Api.newLock(project);
        String typedLock = Api.newLock(project);
        String worker = Api.workerWithTaskAt(List.of(lock, typedLock));
        String tag = Api.admin().body(Map.of("lockId", lock)).post("/api/admin/v1/projects/" + project + "/tags")
                .then().statusCode(201).extract().path("tagId");

        phone.open("app");
        phone.script("sessionStorage.clear(); localStorage.clear();");
        phone.open("t/" + tag);
        wait.until(ExpectedConditions.textToBe(By.id("lock-id"), lock));
        assertThat(phone.driver().findElement(By.id("open-in-app")).isDisplayed()).as("no app link configured").isFalse();
        phone.phoneLogIn(worker);
        phone.click("request-access");
        WebElement countdown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-countdown")));
        wait.until(d -> countdown.getText().startsWith("Valid for"));

        phone.open("app?lock=" + typedLock);
        phone.click("request-access");
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
        phone.open("t/" + tag + "?m=04A1B2C3D4E5F6x000003");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lock-chosen")));
        phone.open("t/" + tag + "?m=04A1B2C3D4E5F6x000003");
        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan-problem")));
        assertThat(problem.getText()).contains("Replayed sticker URL").contains("replay of an earlier tap").contains("SCAN_REPLAY");
        assertThat(phone.driver().findElement(By.id("lock-chosen")).isDisplayed()).isFalse();
    }
}
