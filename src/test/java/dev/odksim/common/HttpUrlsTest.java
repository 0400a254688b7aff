package dev.odksim.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpUrlsTest {

    @Test
    void absoluteHttpUrlsWithAHostAreAccepted() {
        assertThat(HttpUrls.isHttpUrl("https://api.example.com/check-access", false)).isTrue();
        assertThat(HttpUrls.isHttpUrl("http://localhost:8080/x", false)).isTrue();
        assertThat(HttpUrls.isHttpUrl("https://idp.example.com/jwks?tenant=a", true)).isTrue();
    }

    @Test
    void everythingElseIsRefused() {
        assertThat(HttpUrls.isHttpUrl(null, true)).isFalse();
        assertThat(HttpUrls.isHttpUrl("", true)).isFalse();
        assertThat(HttpUrls.isHttpUrl("ftp://example.com/x", true)).isFalse();
        assertThat(HttpUrls.isHttpUrl("/relative/path", true)).isFalse();
        assertThat(HttpUrls.isHttpUrl("https://example.com/x?q=1", false)).isFalse();
        assertThat(HttpUrls.isHttpUrl("https://example.com/x#frag", true)).isFalse();
        assertThat(HttpUrls.isHttpUrl("https://user:secret@example.com/x", true)).as("credentials in the URL").isFalse();
        assertThat(HttpUrls.isHttpUrl("http://exa mple.com/", true)).isFalse();
    }
}
