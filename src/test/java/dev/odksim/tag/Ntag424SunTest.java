package dev.odksim.tag;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** NTAG 424 DNA SUN verification against the public NXP AN12196 example (all-zero keys), and its failure paths. */
class Ntag424SunTest {

    static final byte[] ZERO_KEY = new byte[16];
    static final String E = "EF963FF7828658A599F3041510671E88";
    static final String C = "94EED9EE65337086";
    static final String UID = "04DE5F1EACC040";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    static StickerVerdict check(String e, String c, String chipUid, Long lastCounter) {
        return Ntag424Sun.check(StickerQuery.parse("e=" + e + "&c=" + c), ZERO_KEY, ZERO_KEY, chipUid, lastCounter);
    }

    @Test
    void an12196PiccDataDecryptsToUidAndCounter() {
        Ntag424Sun.PiccData picc = Ntag424Sun.decrypt(ZERO_KEY, HEX.parseHex(E));
        assertThat(picc.tag()).isEqualTo(0xC7);
        assertThat(picc.uid()).isEqualTo(UID);
        assertThat(picc.counter()).isEqualTo(61);
    }

    @Test
    void an12196MacVerifies() {
        byte[] session = Ntag424Sun.sessionMacKey(ZERO_KEY, HEX.parseHex(UID), 61);
        assertThat(HEX.formatHex(session)).as("KSesSDMFileReadMAC of AN12196").isEqualTo("3FB5F6E3A807A03D5E3570ACE393776F");
        assertThat(HEX.formatHex(Ntag424Sun.truncatedMac(session))).isEqualTo(C);
        assertThat(check(E, C, UID, null)).isEqualTo(new StickerVerdict.Passed(UID, 61L, null));
        assertThat(check(E.toLowerCase(), C.toLowerCase(), null, 60L)).isEqualTo(new StickerVerdict.Passed(UID, 61L, null));
    }

    @Test
    void everyFlippedBitOfEIsRefused() {
        byte[] e = HEX.parseHex(E);
        for (int bit = 0; bit < e.length * 8; bit++) {
            byte[] flipped = e.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            StickerVerdict verdict = check(HEX.formatHex(flipped), C, null, null);
            assertThat(verdict).as("bit %d of e", bit).isInstanceOf(StickerVerdict.Refused.class);
            assertThat(((StickerVerdict.Refused) verdict).outcome()).as("bit %d of e", bit).isEqualTo(ScanOutcome.BAD_MAC);
        }
    }

    @Test
    void everyFlippedBitOfCIsRefused() {
        byte[] c = HEX.parseHex(C);
        for (int bit = 0; bit < c.length * 8; bit++) {
            byte[] flipped = c.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            StickerVerdict verdict = check(E, HEX.formatHex(flipped), null, null);
            assertThat(verdict).as("bit %d of c", bit).isEqualTo(
                    new StickerVerdict.Refused(ScanOutcome.BAD_MAC, "c", ((StickerVerdict.Refused) verdict).detail(), UID, 61L));
        }
    }

    @Test
    void anotherKeyIsRefused() {
        byte[] key = ZERO_KEY.clone();
        key[15] = 1;
        assertThat(Ntag424Sun.check(StickerQuery.parse("e=" + E + "&c=" + C), key, ZERO_KEY, null, null))
                .isInstanceOfSatisfying(StickerVerdict.Refused.class, r -> assertThat(r.outcome()).isEqualTo(ScanOutcome.BAD_MAC));
        assertThat(Ntag424Sun.check(StickerQuery.parse("e=" + E + "&c=" + C), ZERO_KEY, key, null, null))
                .isInstanceOfSatisfying(StickerVerdict.Refused.class, r -> assertThat(r.outcome()).isEqualTo(ScanOutcome.BAD_MAC));
    }

    @Test
    void sameOrLowerCounterIsAReplayAndHigherPasses() {
        assertThat(check(E, C, UID, 61L)).isInstanceOfSatisfying(StickerVerdict.Refused.class,
                r -> assertThat(r.outcome()).isEqualTo(ScanOutcome.REPLAY));
        assertThat(check(E, C, UID, 100L)).isInstanceOfSatisfying(StickerVerdict.Refused.class,
                r -> assertThat(r.outcome()).isEqualTo(ScanOutcome.REPLAY));
        assertThat(check(E, C, UID, 60L)).isInstanceOf(StickerVerdict.Passed.class);
    }

    @Test
    void verifiedUidOfAnotherChipIsAClone() {
        assertThat(check(E, C, "04000000000000", null)).isInstanceOfSatisfying(StickerVerdict.Refused.class,
                r -> assertThat(r.outcome()).isEqualTo(ScanOutcome.CLONE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "e=" + E, "c=" + C, "e=" + E + "&c=" + C + "&c=" + C, "e=" + E + "0&c=" + C, "e=" + E + "&c=" + C + "00",
            "e=%45F963FF7828658A599F3041510671E88&c=" + C, "e=" + E + "&c=94EED9EE6533708G", "E=" + E + "&C=" + C})
    void missingDuplicatedOrMisshapenParametersAreMalformed(String query) {
        assertThat(Ntag424Sun.check(StickerQuery.parse(query), ZERO_KEY, ZERO_KEY, null, null))
                .isInstanceOfSatisfying(StickerVerdict.Refused.class, r -> {
                    assertThat(r.outcome()).isEqualTo(ScanOutcome.MALFORMED);
                    assertThat(r.field()).isIn("e", "c");
                });
    }
}
