package dev.odksim.tag;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sticker URL's query as the resolver reads it, and the refusal texts of the two trust modes: written for the
 * survivors of the PIT run recorded in docs/testing.md (length boundary, "=value" pairs, has(), the problem texts).
 */
class StickerQueryTest {

    private static final byte[] KEY = new byte[16];

    @Test
    void aQueryOfExactlyTheLimitIsReadAndOneMoreIsTooLong() {
        String atLimit = "m=" + "a".repeat(StickerQuery.MAX_LENGTH - 2);
        assertThat(StickerQuery.parse(atLimit).tooLong()).isFalse();
        assertThat(StickerQuery.parse(atLimit).all("m")).hasSize(1);
        assertThat(StickerQuery.parse(atLimit + "a").tooLong()).isTrue();
        assertThat(StickerQuery.parse(atLimit + "a").has("m")).isFalse();
    }

    @Test
    void pairsWithAndWithoutValues() {
        StickerQuery query = StickerQuery.parse("=v&flag&e=1&e=2&&x=");
        assertThat(query.all("")).containsExactly("v");
        assertThat(query.has("flag")).isTrue();
        assertThat(query.all("flag")).containsExactly("");
        assertThat(query.all("e")).containsExactly("1", "2");
        assertThat(query.all("x")).containsExactly("");
        assertThat(query.has("y")).isFalse();
        assertThat(query.all("y")).isEmpty();
        assertThat(StickerQuery.parse("a=b=c").all("a")).isEqualTo(List.of("b=c"));
    }

    @Test
    void sunRefusalsSayWhatIsWrongWithTheParameter() {
        String e = "0".repeat(32);
        assertThat(detail(Ntag424Sun.check(StickerQuery.parse("c=" + "0".repeat(16)), KEY, KEY, null, null)))
                .startsWith("is required");
        assertThat(detail(Ntag424Sun.check(StickerQuery.parse("e=" + e + "&e=" + e + "&c=" + "0".repeat(16)), KEY, KEY, null, null)))
                .isEqualTo("must be given once");
        assertThat(detail(Ntag424Sun.check(StickerQuery.parse("e=xyz&c=" + "0".repeat(16)), KEY, KEY, null, null)))
                .isEqualTo("must be 32 hex digits (the 16-byte encrypted PICC data)");
        assertThat(detail(Ntag424Sun.check(StickerQuery.parse("e=" + e + "&c=12"), KEY, KEY, null, null)))
                .isEqualTo("must be 16 hex digits (the 8-byte truncated CMAC)");
        StickerVerdict tooLong = Ntag424Sun.check(StickerQuery.parse("e=" + "0".repeat(StickerQuery.MAX_LENGTH)), KEY, KEY, null, null);
        assertThat(tooLong).isInstanceOfSatisfying(StickerVerdict.Refused.class, r -> {
            assertThat(r.field()).isEqualTo("query");
            assertThat(r.outcome()).isEqualTo(ScanOutcome.MALFORMED);
        });
    }

    @Test
    void aMirrorInAnotherFormThanPinnedNamesBothForms() {
        StickerVerdict verdict = NtagMirror.check(StickerQuery.parse("m=04DE5F1EACC040"), "04DE5F1EACC040", NtagMirror.BOTH, null);
        assertThat(detail(verdict)).isEqualTo("This sticker mirrors its UID and tap counter, but the URL carries only its UID:"
                + " it was edited, not read from the chip");
    }

    private static String detail(StickerVerdict verdict) {
        assertThat(verdict).isInstanceOf(StickerVerdict.Refused.class);
        return ((StickerVerdict.Refused) verdict).detail();
    }
}
