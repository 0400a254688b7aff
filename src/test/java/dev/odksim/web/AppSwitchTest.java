package dev.odksim.web;

import dev.odksim.web.AppSwitch.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of app-switch links: safe return targets, errors added to redirectOnError, a + that became a space. */
class AppSwitchTest {

    @Test
    void httpsAndAppSchemesAreSafeTargets() {
        assertThat(AppSwitch.safeTarget("https://example.app/done?x=1")).isPresent();
        assertThat(AppSwitch.safeTarget("myapp://success")).isPresent();
        assertThat(AppSwitch.safeTarget("googlechrome://navigate?url=https://example.app/ok")).isPresent();
    }

    @Test
    void scriptDataHttpRelativeAndHiddenSchemesAreNot() {
        assertThat(AppSwitch.safeTarget("javascript:alert(1)")).isEmpty();
        assertThat(AppSwitch.safeTarget("JavaScript:alert(1)")).isEmpty();
        assertThat(AppSwitch.safeTarget(" javascript:alert(1)")).isEmpty();
        assertThat(AppSwitch.safeTarget("java\tscript:alert(1)")).isEmpty();
        assertThat(AppSwitch.safeTarget("data:text/html,<script>alert(1)</script>")).isEmpty();
        assertThat(AppSwitch.safeTarget("http://example.app/done")).isEmpty();
        assertThat(AppSwitch.safeTarget("/relative")).isEmpty();
        assertThat(AppSwitch.safeTarget("//example.app/x")).isEmpty();
        assertThat(AppSwitch.safeTarget("https:///nohost")).isEmpty();
        assertThat(AppSwitch.safeTarget(null)).isEmpty();
    }

    @Test
    void errorGoesIntoTheQueryBeforeAnyFragment() {
        assertThat(AppSwitch.withError("myapp://err", ErrorCode.KEY_EXPIRED, "It expired."))
                .isEqualTo("myapp://err?error=KEY_EXPIRED&message=It%20expired.");
        assertThat(AppSwitch.withError("https://a.example/e?x=1#top", ErrorCode.KEY_NOT_FOUND, "a+b"))
                .isEqualTo("https://a.example/e?x=1&error=KEY_NOT_FOUND&message=a%2Bb#top");
    }

    @Test
    void plusThatArrivedAsASpaceIsNamedAsSuch() {
        AppSwitch.UserId spaced = AppSwitch.userId(" 4712345678");
        assertThat(spaced.error()).isEqualTo(ErrorCode.USERID_PLUS_AS_SPACE);
        assertThat(spaced.message()).contains("%2B");
        assertThat(AppSwitch.userId("+4712345678").appUserId()).isEqualTo("+4712345678");
        assertThat(AppSwitch.userId("4712345678").error()).isEqualTo(ErrorCode.INVALID_USERID);
    }
}
