package dev.odksim.web;

import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages in a real browser at phone size, audited with axe-core (no serious or critical WCAG 2.1 A/AA violation):
 * the phone page through the flow (lock, login, key, unlock), at 390 and at 320 px wide without sideways scrolling,
 * the /trust page, and the dashboard, which is also used with the keyboard alone. Screenshots with -Dscreenshots.
 */
@QuarkusTest
class AccessibilityAuditTest {

    @RegisterExtension
    static final Browser phone = new Browser(390, 844);

    @Test
    void thePhonePagePassesAxeThroughTheFlowAt390And320PixelsWide() {
        phone.driver().manage().window().setSize(new Dimension(390, 844));
        phone.open("app");
        phone.script("sessionStorage.clear(); localStorage.clear();");
        phone.open("t/demo-front");
        phone.waiting().until(ExpectedConditions.textToBe(By.id("lock-name"), "Front door"));
        Audits.assertAccessible(phone.driver(), "phone page, sticker scanned");
        Audits.screenshot(phone.driver(), "phone-sticker");

        Api.forgetCodeRequests(Api.KARI);
        phone.type("phone-input", Api.KARI);
        phone.click("otp-request");
        phone.visible("code-input");
        Audits.assertAccessible(phone.driver(), "phone page, code step");
        phone.type("code-input", Api.latestCode(Api.KARI));
        phone.click("otp-verify");
        phone.click("request-access");
        phone.waiting().until(d -> phone.visible("key-countdown").getText().startsWith("Valid for"));
        phone.click("unlock");
        phone.waiting().until(ExpectedConditions.attributeToBe(phone.visible("unlock-result"), "data-result", "unlocked"));
        Audits.assertAccessible(phone.driver(), "phone page, key and unlock result");

        phone.open("t/no-such-sticker");
        phone.visible("scan-problem");
        Audits.assertAccessible(phone.driver(), "phone page, unknown sticker");

        phone.driver().manage().window().setSize(new Dimension(320, 640));
        phone.open("t/demo-front");
        phone.waiting().until(ExpectedConditions.textToBe(By.id("lock-name"), "Front door"));
        assertThat(((Number) phone.script("return document.documentElement.scrollWidth")).intValue())
                .as("no sideways scrolling at 320 px").isLessThanOrEqualTo(((Number) phone.script("return window.innerWidth")).intValue());
        Audits.assertAccessible(phone.driver(), "phone page at 320 px");
        phone.driver().manage().window().setSize(new Dimension(390, 844));
    }

    @Test
    void theTrustPagePassesAxe() {
        phone.driver().manage().window().setSize(new Dimension(390, 844));
        phone.open("trust");
        phone.visible("fingerprint");
        Audits.assertAccessible(phone.driver(), "/trust");
    }

    @Test
    void theDashboardPassesAxeAndWorksWithTheKeyboardAlone() {
        phone.driver().manage().window().setSize(new Dimension(390, 844));
        phone.open("dashboard/");
        phone.script("localStorage.clear();");
        phone.open("dashboard/");
        phone.visible("token-input");
        Audits.assertAccessible(phone.driver(), "dashboard, token form");

        // Keyboard only: Tab to the token field, type, Enter submits.
        List<String> focusOrder = tabThrough(12);
        assertThat(focusOrder).contains("token-input");
        WebElement active = focusOn("token-input");
        active.sendKeys(Api.ADMIN_TOKEN, Keys.ENTER);
        phone.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("locks"), "Front door"));
        Audits.assertAccessible(phone.driver(), "dashboard");
        Audits.screenshot(phone.driver(), "dashboard");

        // Every control reached by Tab is visible where focus lands, and the project choice is among them.
        List<String> board = tabThrough(40);
        assertThat(board).contains("project-select");
        assertThat(phone.script("var a = document.activeElement; var r = a.getBoundingClientRect();"
                + "return getComputedStyle(a).outlineStyle !== 'none' || getComputedStyle(a).boxShadow !== 'none' || r.width > 0"))
                .isEqualTo(true);
    }

    /** Presses Tab {@code presses} times from the top of the page; the ids (or tag names) focus visits, in order. */
    private List<String> tabThrough(int presses) {
        phone.script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        List<String> visited = new ArrayList<>();
        WebElement body = phone.driver().findElement(By.tagName("body"));
        body.sendKeys(""); // focus the document
        for (int i = 0; i < presses; i++) {
            phone.driver().switchTo().activeElement().sendKeys(Keys.TAB);
            WebElement focused = phone.driver().switchTo().activeElement();
            String id = focused.getAttribute("id");
            visited.add(id == null || id.isEmpty() ? focused.getTagName() : id);
            assertThat(focused.isDisplayed()).as("focus lands on something visible: " + visited).isTrue();
        }
        return visited;
    }

    private WebElement focusOn(String id) {
        for (int i = 0; i < 20 && !id.equals(phone.driver().switchTo().activeElement().getAttribute("id")); i++) {
            phone.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        }
        WebElement active = phone.driver().switchTo().activeElement();
        assertThat(active.getAttribute("id")).isEqualTo(id);
        return active;
    }
}
