package dev.odksim.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link HttpUrls#sameOrigin}: the rule that decides whether a changed URL must send its secret again (docs/security.md). */
class HttpUrlsSameOriginTest {

    @Test
    void schemeHostAndPortDecideWithDefaultPortsFilledIn() {
        assertThat(HttpUrls.sameOrigin("https://a.example/check", "https://A.EXAMPLE:443/other?x=1")).isTrue();
        assertThat(HttpUrls.sameOrigin("http://a.example/check", "HTTP://a.example:80/")).isTrue();
        assertThat(HttpUrls.sameOrigin("http://a.example:8080/", "http://a.example:8080/x")).isTrue();
        assertThat(HttpUrls.sameOrigin("http://a.example/", "https://a.example/")).isFalse();
        assertThat(HttpUrls.sameOrigin("https://a.example/", "https://b.example/")).isFalse();
        assertThat(HttpUrls.sameOrigin("https://a.example/", "https://a.example:8443/")).isFalse();
        assertThat(HttpUrls.sameOrigin("http://a.example/", "http://a.example:8080/")).isFalse();
        assertThat(HttpUrls.sameOrigin("https://a.example:80/", "https://a.example/")).isFalse();
    }

    @Test
    void missingOrUnparsableUrlsShareNothing() {
        assertThat(HttpUrls.sameOrigin(null, null)).isTrue();
        assertThat(HttpUrls.sameOrigin(null, "https://a.example/")).isFalse();
        assertThat(HttpUrls.sameOrigin("https://a.example/", null)).isFalse();
        assertThat(HttpUrls.sameOrigin("https://a.example/", "https://a example/")).isFalse();
        assertThat(HttpUrls.sameOrigin("/relative", "/relative")).isFalse();
        assertThat(HttpUrls.sameOrigin("https:/nohost", "https:/nohost")).isFalse();
        assertThat(HttpUrls.sameOrigin("https://a.example/", "/relative")).isFalse();
        assertThat(HttpUrls.sameOrigin("mailto:x@a.example", "https://a.example/")).isFalse();
    }
}
