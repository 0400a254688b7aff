package dev.odksim.tag;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The NTAG21x ASCII mirror in the exact forms nfc-tag-writer sets up (MirrorMode: uid, counter, both). */
class NtagMirrorTest {

    static final String CHIP = "04A1B2C3D4E5F6";

    static StickerVerdict check(String query, String pinnedForm, Long lastCounter) {
        return NtagMirror.check(StickerQuery.parse(query), CHIP, pinnedForm, lastCounter);
    }

    static ScanOutcome refusal(StickerVerdict verdict) {
        assertThat(verdict).isInstanceOf(StickerVerdict.Refused.class);
        return ((StickerVerdict.Refused) verdict).outcome();
    }

    @Test
    void uidAndCounterFormPassesWithTheRegisteredChipAndAHigherCounter() {
        assertThat(check("m=04A1B2C3D4E5F6x00002A", null, null)).isEqualTo(new StickerVerdict.Passed(CHIP, 42L, "both"));
        assertThat(check("m=04a1b2c3d4e5f6x00002a", "both", 41L)).isEqualTo(new StickerVerdict.Passed(CHIP, 42L, "both"));
    }

    @Test
    void uidOnlyAndCounterOnlyFormsPass() {
        assertThat(check("m=04A1B2C3D4E5F6", null, null)).isEqualTo(new StickerVerdict.Passed(CHIP, null, "uid"));
        assertThat(check("m=000010", null, 15L)).isEqualTo(new StickerVerdict.Passed(null, 16L, "counter"));
    }

    @Test
    void anotherChipsUidIsAClone() {
        assertThat(refusal(check("m=04A1B2C3D4E5F7x00002A", null, null))).isEqualTo(ScanOutcome.CLONE);
        assertThat(refusal(check("m=04A1B2C3D4E5F7", null, null))).isEqualTo(ScanOutcome.CLONE);
    }

    @Test
    void theWritersPlaceholderIsACloneWithAnExplanation() {
        StickerVerdict verdict = check("m=00000000000000x000000", null, null);
        assertThat(refusal(verdict)).isEqualTo(ScanOutcome.CLONE);
        assertThat(((StickerVerdict.Refused) verdict).detail()).contains("placeholder");
    }

    @Test
    void sameOrLowerCounterIsAReplay() {
        assertThat(refusal(check("m=04A1B2C3D4E5F6x00002A", "both", 42L))).isEqualTo(ScanOutcome.REPLAY);
        assertThat(refusal(check("m=04A1B2C3D4E5F6x000001", "both", 42L))).isEqualTo(ScanOutcome.REPLAY);
        assertThat(refusal(check("m=00002A", "counter", 42L))).isEqualTo(ScanOutcome.REPLAY);
    }

    @Test
    void aUrlStrippedToAnotherFormThanThePinnedOneIsAClone() {
        assertThat(refusal(check("m=04A1B2C3D4E5F6", "both", 42L))).isEqualTo(ScanOutcome.CLONE);
        assertThat(refusal(check("m=00002B", "both", 42L))).isEqualTo(ScanOutcome.CLONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x=1", "m=", "m=04A1B2C3D4E5F6X00002A", "m=04A1B2C3D4E5F6x2A", "m=04A1B2C3D4E5F6x00002A&m=04A1B2C3D4E5F6x00002B",
            "m=04A1B2C3D4E5F6%7800002A", "m=+4A1B2C3D4E5F6", "m=04A1B2C3D4E5F6x00002A0", "M=04A1B2C3D4E5F6x00002A", "m=-00001"})
    void missingDuplicatedOrMisshapenMirrorIsMalformed(String query) {
        StickerVerdict verdict = check(query, null, null);
        assertThat(refusal(verdict)).isEqualTo(ScanOutcome.MALFORMED);
        assertThat(((StickerVerdict.Refused) verdict).field()).isEqualTo("m");
    }

    @Test
    void anOverlongQueryIsNotRead() {
        StickerVerdict verdict = check("m=04A1B2C3D4E5F6x00002A&pad=" + "a".repeat(3000), null, null);
        assertThat(refusal(verdict)).isEqualTo(ScanOutcome.MALFORMED);
        assertThat(((StickerVerdict.Refused) verdict).field()).isEqualTo("query");
    }
}
