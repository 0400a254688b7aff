package dev.odksim.decision;

import dev.odksim.common.PercentEncoding;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The query of the decision call is percent-encoded per RFC 3986 (docs/design.md §6.3). */
class DecisionTransportTest {

    @Test
    void plusIsPercentEncoded() {
        assertThat(PercentEncoding.encode("+4712345678")).isEqualTo("%2B4712345678");
    }

    @Test
    void onlyUnreservedCharactersStayLiteral() {
        assertThat(PercentEncoding.encode("AZaz09-._~")).isEqualTo("AZaz09-._~");
        assertThat(PercentEncoding.encode("a b*c/d?e&f=g#h:i'j\"k")).isEqualTo("a%20b%2Ac%2Fd%3Fe%26f%3Dg%23h%3Ai%27j%22k");
        assertThat(PercentEncoding.encode("danalock-d4:b5:8f:59:47:79")).isEqualTo("danalock-d4%3Ab5%3A8f%3A59%3A47%3A79");
        assertThat(PercentEncoding.encode("ø")).isEqualTo("%C3%B8");
    }

    @Test
    void urlCarriesBothParametersInOrder() {
        Target target = new Target("https://api.example.com/check-access", new CallerAuth.None(), null, 1000, 3000, 65536);
        assertThat(DecisionRequester.url(target, "abc123", "+4712345678")).isEqualTo("https://api.example.com/check-access?lockId=abc123&appUserId=%2B4712345678");
    }
}
