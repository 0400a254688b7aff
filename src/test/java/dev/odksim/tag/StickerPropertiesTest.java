package dev.odksim.tag;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based tests (jqwik) of the pure verification layer the resolver runs on every scan: whatever the query,
 * the checks answer with a verdict and never throw (so the resolver cannot 500 on them), and they only pass what the
 * chip could have produced. The HTTP layer is covered by {@link ResolverHostileInputTest}.
 */
class StickerPropertiesTest {

    private static final byte[] ZERO_KEY = new byte[16];
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> urlish = Arbitraries.strings().withChars("mecx=&%0123456789ABCDEFabcdef+;#?/ \u0000\u00e9")
                .ofMaxLength(80);
        Arbitrary<String> nearMirror = Combinators.combine(Arbitraries.strings().withChars("0123456789ABCDEFx").ofMinLength(0).ofMaxLength(25),
                Arbitraries.of("m=", "m=&m=", "&m=", "e=", "c=")).as((v, k) -> k + v);
        Arbitrary<String> nearSun = Combinators.combine(Arbitraries.strings().withChars("0123456789ABCDEFabcdef").ofLength(32),
                Arbitraries.strings().withChars("0123456789ABCDEFabcdefg").ofMinLength(14).ofMaxLength(18))
                .as((e, c) -> "e=" + e + "&c=" + c);
        return Arbitraries.oneOf(any, urlish, nearMirror, nearSun, Arbitraries.just(null));
    }

    @Property(tries = 200)
    void noQueryMakesTheChecksThrow(@ForAll("queries") String query, @ForAll @LongRange(min = -1, max = 0xFFFFFF) long last) {
        Long lastCounter = last < 0 ? null : last;
        StickerQuery parsed = StickerQuery.parse(query);
        for (String form : new String[]{null, "uid", "counter", "both"}) {
            assertThat(NtagMirror.check(parsed, "04A1B2C3D4E5F6", form, lastCounter)).isNotNull();
        }
        assertThat(Ntag424Sun.check(parsed, ZERO_KEY, ZERO_KEY, null, lastCounter)).isNotNull();
    }

    @Property(tries = 200)
    void noSunMessageButTheGenuineOnePassesUnderTheKeys(@ForAll("sixteenBytes") byte[] e, @ForAll("eightBytes") byte[] c) {
        String eHex = HEX.formatHex(e);
        String cHex = HEX.formatHex(c);
        Assume.that(!(eHex.equals(Ntag424SunTest.E) && cHex.equals(Ntag424SunTest.C)));
        assertThat(Ntag424Sun.check(StickerQuery.parse("e=" + eHex + "&c=" + cHex), ZERO_KEY, ZERO_KEY, null, null))
                .isInstanceOf(StickerVerdict.Refused.class);
    }

    @Property(tries = 200)
    void aGenuineSunMessagePassesExactlyWhenItsCounterIsNew(@ForAll("sixteenBytes") byte[] metaKey, @ForAll("sixteenBytes") byte[] fileKey,
                                                          @ForAll("sevenBytes") byte[] uid,
                                                          @ForAll @LongRange(min = 0, max = 0xFFFFFF) long counter,
                                                          @ForAll @LongRange(min = -1, max = 0xFFFFFF) long last) {
        Long lastCounter = last < 0 ? null : last;
        String url = SunTagEmulator.query(metaKey, fileKey, uid, counter);
        StickerVerdict verdict = Ntag424Sun.check(StickerQuery.parse(url), metaKey, fileKey, HEX.formatHex(uid), lastCounter);
        if (lastCounter == null || counter > lastCounter) {
            assertThat(verdict).isEqualTo(new StickerVerdict.Passed(HEX.formatHex(uid), counter, null));
        } else {
            assertThat(verdict).isInstanceOfSatisfying(StickerVerdict.Refused.class, r -> assertThat(r.outcome()).isEqualTo(ScanOutcome.REPLAY));
        }
    }

    @Property(tries = 200)
    void theMirrorPassesOnlyTheRegisteredUidWithANewCounter(@ForAll("sevenBytes") byte[] registered, @ForAll("sevenBytes") byte[] presented,
                                                          @ForAll @LongRange(min = 0, max = 0xFFFFFF) long counter,
                                                          @ForAll @LongRange(min = -1, max = 0xFFFFFF) long last) {
        Long lastCounter = last < 0 ? null : last;
        String query = "m=" + HEX.formatHex(presented) + "x" + String.format("%06X", counter);
        StickerVerdict verdict = NtagMirror.check(StickerQuery.parse(query), HEX.formatHex(registered), "both", lastCounter);
        boolean genuine = HEX.formatHex(registered).equals(HEX.formatHex(presented)) && (lastCounter == null || counter > lastCounter);
        assertThat(verdict instanceof StickerVerdict.Passed).as(query).isEqualTo(genuine);
    }

    @Property(tries = 200)
    void recordedTagIdsAreBoundedAndPrintable(@ForAll String tagId) {
        String recorded = ScanService.abbreviate(tagId);
        assertThat(recorded.codePointCount(0, recorded.length())).isLessThanOrEqualTo(64);
        assertThat(recorded.codePoints().noneMatch(Character::isISOControl)).isTrue();
    }

    @Provide
    Arbitrary<byte[]> sixteenBytes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(16);
    }

    @Provide
    Arbitrary<byte[]> eightBytes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(8);
    }

    @Provide
    Arbitrary<byte[]> sevenBytes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(7);
    }
}
