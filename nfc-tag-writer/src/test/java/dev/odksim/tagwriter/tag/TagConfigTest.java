package dev.odksim.tagwriter.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The configuration pages as the datasheet lays them out: CFG0 = MIRROR, RFUI, MIRROR_PAGE, AUTH0 with MIRROR =
 * MIRROR_CONF (bits 7-6: 01 UID, 10 counter, 11 both), MIRROR_BYTE (bits 5-4), STRG_MOD_EN (bit 2); CFG1 = ACCESS
 * (PROT bit 7, CFGLCK bit 6, NFC_CNT_EN bit 4, NFC_CNT_PWD_PROT bit 3, AUTHLIM bits 2-0), RFUI x3. Protection
 * applies from page AUTH0 on, so AUTH0 beyond the last page (0x2C on NTAG213) switches it off.
 */
class TagConfigTest {

    static final HexFormat HEX = HexFormat.of().withUpperCase();

    static TagConfig config(String cfg0, String cfg1) {
        return new TagConfig(HEX.parseHex(cfg0), HEX.parseHex(cfg1));
    }

    @ParameterizedTest
    @CsvSource({
        // CFG0, CFG1, mirror, mirror page, mirror byte, AUTH0, ACCESS, PROT, CFGLCK, NFC_CNT_EN
        "040000FF, 00000000, '', 0, 0, 255, 0, false, false, false", // factory
        "D4008504, 98000000, BOTH, 133, 1, 4, 152, true, false, true",
        "60000A2C, 40000000, UID, 10, 2, 44, 64, false, true, false",
        "B0000700, 7F000000, COUNTER, 7, 3, 0, 127, false, true, true",
        "3C00FF2D, EF000000, '', 255, 3, 45, 239, true, true, false",
    })
    void fieldsAreReadFromTheirBits(String cfg0, String cfg1, String mirror, int mirrorPage, int mirrorByte, int auth0,
            int access, boolean prot, boolean cfglck, boolean counter) {
        TagConfig c = config(cfg0, cfg1);
        assertThat(c.mirror().map(Enum::name).orElse("")).isEqualTo(mirror);
        assertThat(c.mirrorPage()).isEqualTo(mirrorPage);
        assertThat(c.mirrorByte()).isEqualTo(mirrorByte);
        assertThat(c.auth0()).isEqualTo(auth0);
        assertThat(c.access()).isEqualTo(access);
        assertThat(c.readProtected()).isEqualTo(prot);
        assertThat(c.configLocked()).isEqualTo(cfglck);
        assertThat(c.counterEnabled()).isEqualTo(counter);
    }

    @ParameterizedTest
    @CsvSource({"0, true", "4, true", "44, true", "45, false", "255, false"})
    void protectionNeedsAuth0WithinTheTagsPages(int auth0, boolean protectedTag) {
        TagConfig c = config("040000FF", "00000000").withAuth0(auth0);
        assertThat(c.isProtected(NtagType.NTAG213)).isEqualTo(protectedTag);
        assertThat(c.auth0()).isEqualTo(auth0);
    }

    @Test
    void withMirrorSetsConfByteAndPageKeepsStrgModEnAndSwitchesTheCounter() {
        TagConfig c = config("FC00112C", "98000000"); // old mirror: both, byte 3, STRG_MOD_EN, RFUI bits set
        TagConfig uid = c.withMirror(Optional.of(MirrorMode.UID), 10, 2);
        assertThat(HEX.formatHex(uid.cfg0())).isEqualTo("64000A2C"); // 01 10 0 1 00: UID, byte 2, STRG_MOD_EN kept
        assertThat(HEX.formatHex(uid.cfg1())).isEqualTo("88000000"); // NFC_CNT_EN off, the rest kept

        TagConfig counter = config("00000004", "88000000").withMirror(Optional.of(MirrorMode.COUNTER), 200, 1);
        assertThat(HEX.formatHex(counter.cfg0())).isEqualTo("9000C804");
        assertThat(HEX.formatHex(counter.cfg1())).isEqualTo("98000000");

        TagConfig both = config("04000004", "00000000").withMirror(Optional.of(MirrorMode.BOTH), 5, 0);
        assertThat(HEX.formatHex(both.cfg0())).isEqualTo("C4000504");
        assertThat(HEX.formatHex(both.cfg1())).isEqualTo("10000000");

        TagConfig off = c.withMirror(Optional.empty(), 10, 0);
        assertThat(HEX.formatHex(off.cfg0())).isEqualTo("0400002C");
        assertThat(HEX.formatHex(off.cfg1())).isEqualTo("88000000");
    }

    @Test
    void mirrorModesAndTheirConfValues() {
        assertThat(MirrorMode.fromConf(0)).isEmpty();
        assertThat(MirrorMode.fromConf(1)).contains(MirrorMode.UID);
        assertThat(MirrorMode.fromConf(2)).contains(MirrorMode.COUNTER);
        assertThat(MirrorMode.fromConf(3)).contains(MirrorMode.BOTH);
        assertThat(MirrorMode.UID.includesCounter()).isFalse();
        assertThat(MirrorMode.COUNTER.includesCounter()).isTrue();
        assertThat(MirrorMode.BOTH.includesCounter()).isTrue();
    }
}
