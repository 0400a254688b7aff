package dev.odksim.web;

import dev.odksim.testing.Api;
import dev.odksim.testing.WebhookReceiver;
import dev.odksim.webhook.DeliveryWorker;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's Webhooks panel in a real browser: register (secret shown once), test event, delivery log, disable. */
@QuarkusTest
class WebhookPanelBrowserTest {

    @RegisterExtension
    static final Browser dashboard = new Browser(1280, 900);

    @Inject
    DeliveryWorker worker;

    private WebhookReceiver receiver;

    @AfterEach
    void cleanUp() {
        List<Map<String, Object>> hooks = Api.admin().get("/api/admin/v1/projects/demo/webhooks").then().extract().jsonPath().getList("webhooks");
        hooks.stream().filter(h -> receiver != null && receiver.url().equals(h.get("url")))
                .forEach(h -> Api.admin().delete("/api/admin/v1/projects/demo/webhooks/" + h.get("id")));
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void registersAWebhookShowsTheSecretOnceSendsATestEventAndShowsTheDeliveryLog() throws Exception {
        receiver = WebhookReceiver.ok();
        WebDriverWait wait = dashboard.waiting();
        dashboard.open("dashboard/");
        dashboard.script("localStorage.clear();");
        dashboard.open("dashboard/");
        dashboard.type("token-input", Api.ADMIN_TOKEN);
        dashboard.click("token-save");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("locks"), "Front door"));

        dashboard.type("webhook-url", receiver.url());
        dashboard.type("webhook-lock", "demo-storage");
        dashboard.click("webhook-register");
        WebElement secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=webhook-secret]")));
        assertThat(secret.getText()).startsWith("whsec_");
        wait.until(d -> panelText().contains(receiver.url()) && panelText().contains("demo-storage") && panelText().contains("enabled"));
        assertThat(dashboard.driver().findElement(By.id("webhooks")).getAttribute("textContent")).doesNotContain("whsec_");

        clickInRow(wait, "Test event");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("webhooks-state"), "Test event queued"));
        assertThat(worker.drain()).isEqualTo(1);
        assertThat(receiver.received()).hasSize(1);
        wait.until(d -> {
            String deliveries = panelText();
            return deliveries.contains("delivered") && deliveries.contains("HTTP 200");
        });

        clickInRow(wait, "Disable");
        wait.until(d -> panelText().contains("disabled: Disabled by an administrator"));
        Map<String, Object> stored = Api.admin().get("/api/admin/v1/projects/demo/webhooks").then().extract().jsonPath()
                .<Map<String, Object>>getList("webhooks").stream().filter(h -> receiver.url().equals(h.get("url"))).findFirst().orElseThrow();
        assertThat(stored).containsEntry("enabled", false);
    }

    /** The panel's text read in one step (it redraws every few seconds, so element references go stale). */
    private String panelText() {
        return String.valueOf(dashboard.script("return document.getElementById('webhooks').textContent"));
    }

    /** The panel redraws every few seconds: find the row and its button afresh until the click lands. */
    private void clickInRow(WebDriverWait wait, String button) {
        wait.until(d -> {
            try {
                findRow(wait).findElement(By.xpath(".//button[text()='" + button + "']")).click();
                return true;
            } catch (StaleElementReferenceException e) {
                return false;
            }
        });
    }

    private WebElement findRow(WebDriverWait wait) {
        return wait.until(d -> d.findElements(By.cssSelector("[data-testid=webhook-row]")).stream()
                .filter(r -> r.getText().contains(receiver.url())).findFirst().orElse(null));
    }
}
