package dev.odksim.web;

import dev.odksim.testing.Api;
import dev.odksim.testing.Unloc;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unloc app-switch links in the phone web app, in a real browser: /use-key logs the user in, opens the key, unlocks and
 * returns to redirect; unknown, revoked, expired, refused, still-creating and failed keys return to redirectOnError with a
 * code; /prefetch-keys downloads the keys and returns.
 */
@QuarkusTest
class AppSwitchBrowserTest {

    @RegisterExtension
    static final Browser phone = new Browser(360, 740);

    /** https targets on a closed local port: the browser really leaves, fails at once, and shows where it went. */
    static final String OK = "https://localhost:1/ok";
    static final String ERR = "https://localhost:1/err";
    static final String FETCHED = "https://localhost:1/fetched";

    WebDriverWait wait;
    String project;
    String lock;
    String token;

    @BeforeEach
    void freshPhoneAndProject() {
        wait = phone.waiting();
        phone.open("app");
        phone.script("sessionStorage.clear(); localStorage.clear();");
        project = Unloc.newProject();
        lock = Api.newLock(project);
        Unloc.settings(project, Map.of("provisioningDelayMs", 0));
        token = Unloc.token(project);
    }

    @AfterEach
    void backToRealTime() {
        Api.travel(0);
    }

    private String keyFor(String user, Map<String, Object> extra) {
        Map<String, Object> key = Unloc.key(lock, user);
        key.putAll(extra);
        return Unloc.awaitJob(token, project, Unloc.createKeys(token, project, List.of(key))).path("keys[0].id");
    }

    private void openUseKey(String keyId, String user) {
        phone.open("use-key?id=" + keyId + "&userid=" + user.replace("+", "%2B")
                + "&redirect=" + OK.replace(":", "%3A").replace("/", "%2F") + "&redirectOnError=" + ERR.replace(":", "%3A").replace("/", "%2F"));
    }

    /** Logs in on the page as the link's user (the number is prefilled by the link; typed here for /prefetch-keys). */
    private void logIn(String user) {
        Api.forgetCodeRequests(user);
        phone.type("phone-input", user);
        phone.click("otp-request");
        phone.visible("code-input");
        phone.type("code-input", Api.latestCode(user));
        phone.click("otp-verify");
    }

    /** Where the page sent the browser (it also records the target on the page before it leaves). */
    private String returnedTo() {
        wait.until(d -> d.getCurrentUrl().startsWith("https://localhost:1/"));
        return phone.driver().getCurrentUrl();
    }

    @Test
    void useKeyLogsInOpensTheKeyUnlocksAndReturnsToRedirect() {
        String user = Unloc.newPhone();
        String keyId = keyFor(user, Map.of());
        openUseKey(keyId, user);
        assertThat(phone.visible("phone-input").getAttribute("value")).isEqualTo(user);
        logIn(user);
        wait.until(d -> keyId.equals(d.findElement(org.openqa.selenium.By.id("key-id")).getText()));
        phone.click("unlock");
        assertThat(returnedTo()).isEqualTo(OK);
        assertThat(Unloc.as(token).get("/v2/projects/" + project + "/access-log").then().extract()
                .<List<String>>path("accessEvents.keyId")).containsExactly(keyId);
    }

    @Test
    void unknownOthersAndRevokedKeysReturnToRedirectOnErrorWithACode() {
        String user = Unloc.newPhone();
        String revoked = keyFor(user, Map.of());
        Unloc.as(token).delete("/v2/projects/" + project + "/keys/" + revoked).then().statusCode(200);
        String other = Unloc.newPhone();
        String othersKey = keyFor(other, Map.of());

        openUseKey("no-such-key", user);
        logIn(user);
        assertThat(returnedTo()).startsWith(ERR + "?error=KEY_NOT_FOUND&message=");

        openUseKey(othersKey, user);
        assertThat(returnedTo()).as("another user's key is no key of this user").startsWith(ERR + "?error=KEY_NOT_FOUND");

        openUseKey(othersKey, other);
        assertThat(returnedTo()).as("a link for another user, opened on this user's phone")
                .startsWith(ERR + "?error=WRONG_USER&message=").contains(other.replace("+", "%2B"));

        openUseKey(revoked, user);
        assertThat(returnedTo()).startsWith(ERR + "?error=KEY_REVOKED&message=");

    }

    @Test
    void aKeyStillBeingCreatedOrThatFailedReturnsToRedirectOnErrorWithItsState() {
        String user = Unloc.newPhone();
        Unloc.settings(project, Map.of("faultPercent", 100));
        String failed = keyFor(user, Map.of());
        Unloc.settings(project, Map.of("faultPercent", 0, "provisioningDelayMs", 3_600_000));
        String creating = Unloc.as(token).get("/v2/projects/" + project + "/jobs/"
                + Unloc.createKeys(token, project, List.of(Unloc.key(lock, user)))).path("keys[0].id");

        openUseKey(creating, user);
        logIn(user);
        assertThat(returnedTo()).startsWith(ERR + "?error=KEY_NOT_READY&message=");

        openUseKey(failed, user);
        assertThat(returnedTo()).startsWith(ERR + "?error=KEY_ERROR&message=");
    }

    @Test
    void aRefusedUnlockOrAnExpiredKeyReturnsToRedirectOnErrorWithTheReason() {
        String user = Unloc.newPhone();
        String shortLived = keyFor(user, Map.of("durationMinutes", 1));
        DayOfWeek tomorrow = ZonedDateTime.now(ZoneId.of("Europe/Oslo")).getDayOfWeek().plus(1);
        String elsewhen = keyFor(user, Map.of("recurrence", Map.of("timeSpans", List.of(Map.of("weekday",
                tomorrow.name().substring(0, 3).toLowerCase(), "startHour", 0, "startMinute", 0, "endHour", 24, "endMinute", 0)))));
        openUseKey(elsewhen, user);
        logIn(user);
        wait.until(d -> elsewhen.equals(d.findElement(org.openqa.selenium.By.id("key-id")).getText()));
        phone.click("unlock");
        assertThat(returnedTo()).startsWith(ERR + "?error=UNLOCK_REFUSED&message=").contains("OUTSIDE_SCHEDULE");

        Api.travel(180);
        openUseKey(shortLived, user);
        assertThat(returnedTo()).as("expired, the session still alive").startsWith(ERR + "?error=KEY_EXPIRED&message=");

        // Past the app session's life (1 h): the page asks for a new login, then answers for the key.
        Api.travel(2 * 3600);
        openUseKey(shortLived, user);
        assertThat(phone.visible("phone-input").getAttribute("value")).isEqualTo(user);
        logIn(user);
        assertThat(returnedTo()).as("expired, after logging in again").startsWith(ERR + "?error=KEY_EXPIRED&message=");
    }

    @Test
    void prefetchKeysDownloadsTheKeysAndReturns() {
        String user = Unloc.newPhone();
        String keyId = keyFor(user, Map.of());
        phone.open("prefetch-keys?returnUrl=https%3A%2F%2Flocalhost%3A1%2Ffetched");
        logIn(user);
        assertThat(returnedTo()).isEqualTo(FETCHED);
        phone.open("app");
        assertThat((String) phone.script("return sessionStorage.getItem('odk.app.prefetchedKeys')")).contains(keyId);
    }
}
