package dev.odksim.tagwriter.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.odksim.tagwriter.emulator.EmulatedNtag;
import dev.odksim.tagwriter.emulator.EmulatorReader;
import dev.odksim.tagwriter.transport.TagConnection;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Ntag21x#lockPermanently()} against the NTAG213/215/216 datasheet (NTAG213_215_216, §8.5): the
 * exact WRITE commands, in order, and which pages the tag then refuses. Expected bytes are worked out
 * here from the datasheet, not taken from the production constants:
 * <ul>
 * <li>CC (page 3): E1 10 {12|3E|6D} then byte 3 = 0F (read-only access).</li>
 * <li>Dynamic lock page 0x28 / 0x82 / 0xE2. NTAG213: one lock bit per 2 pages from page 16, pages 16..39 =
 * 12 bits (byte 0 = FF, byte 1 = 0F), block-lock bits BL16-31 and BL32-39 (byte 2 = 03). NTAG215: one lock bit
 * per 16 pages, pages 16..129 = 8 bits (FF 00), BL bits per 2 lock bits: 4 (0F). NTAG216: pages 16..225 =
 * 14 bits (FF 3F), 7 BL bits (7F). Byte 3 is RFUI, written as BD.</li>
 * <li>CFG1 (page 0x2A / 0x84 / 0xE4) ACCESS byte with CFGLCK (bit 6) = 40.</li>
 * <li>Static lock bytes (page 2, bytes 2-3) = FF FF, last; bytes 0-1 (BCC1, internal) unchanged.</li>
 * </ul>
 */
class Ntag21xLockTest {

    static final byte[] UID = HexFormat.of().parseHex("04112233445566");
    /** BCC1 = UID3 ^ UID4 ^ UID5 ^ UID6 = 33 ^ 44 ^ 55 ^ 66 = 44; internal byte 48 as shipped. */
    static final String PAGE2_BYTES_0_1 = "4448";
    static final HexFormat HEX = HexFormat.of().withUpperCase();

    @ParameterizedTest
    @CsvSource({
        // type,  CC size, dynamic lock page, dynamic lock bytes, CFG0 page, CFG1 page, last user page
        "NTAG213, 12, 40, FF0F03BD, 41, 42, 39",
        "NTAG215, 3E, 130, FF000FBD, 131, 132, 129",
        "NTAG216, 6D, 226, FF3F7FBD, 227, 228, 225",
    })
    void writesTheDatasheetLockBytesInOrderAndEveryUserPageBecomesReadOnly(NtagType type, String ccSize,
            int dynamicLockPage, String dynamicLockBytes, int cfg0Page, int cfg1Page, int lastUserPage) {
        EmulatorReader reader = new EmulatorReader("emulator:test", EmulatedNtag.factoryNew(type, UID), null);
        RecordingConnection conn = new RecordingConnection(reader.awaitTag(Duration.ZERO));
        Ntag21x.detect(conn).lockPermanently();

        assertThat(conn.writes).containsExactly(
                "3:E110" + ccSize + "0F",
                dynamicLockPage + ":" + dynamicLockBytes,
                cfg1Page + ":40000000",
                "2:" + PAGE2_BYTES_0_1 + "FFFF");

        byte[][] memory = reader.tag().memory();
        assertThat(HEX.formatHex(memory[2])).isEqualTo(PAGE2_BYTES_0_1 + "FFFF");
        assertThat(HEX.formatHex(memory[3])).isEqualTo("E110" + ccSize + "0F");
        assertThat(HEX.formatHex(memory[dynamicLockPage])).isEqualTo(dynamicLockBytes);
        assertThat(HEX.formatHex(memory[cfg1Page])).isEqualTo("40000000");

        try (TagConnection tap = reader.awaitTag(Duration.ZERO)) {
            for (int page = 3; page <= lastUserPage; page++) {
                int p = page;
                assertThatThrownBy(() -> tap.write(p, new byte[] {1, 2, 3, 4})).as("page " + p)
                        .hasMessageContaining("page " + p + " is locked");
            }
            assertThatThrownBy(() -> tap.write(cfg0Page, new byte[4])).hasMessageContaining("CFGLCK");
            assertThatThrownBy(() -> tap.write(cfg1Page, new byte[4])).hasMessageContaining("CFGLCK");
            // CFGLCK leaves PWD and PACK writable (datasheet: "except PWD and PACK")
            tap.write(cfg1Page + 1, new byte[] {1, 2, 3, 4});
            tap.write(cfg1Page + 2, new byte[] {5, 6, 0, 0});
        }
        LockBits locks = new LockBits(type, memory[2], memory[dynamicLockPage]);
        assertThat(locks.isPageLocked(lastUserPage)).isTrue();
        assertThat(locks.isPageLocked(lastUserPage + 1)).as("the dynamic lock page itself").isFalse();
        assertThat(locks.anyLocked()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        // type, dynamic lock byte index, bit, first and last page of its group, first page after it
        "NTAG213, 0, 0, 16, 17, 18",
        "NTAG213, 0, 7, 30, 31, 32",
        "NTAG213, 1, 0, 32, 33, 34",
        "NTAG213, 1, 3, 38, 39, 40",
        "NTAG215, 0, 0, 16, 31, 32",
        "NTAG215, 0, 6, 112, 127, 128",
        "NTAG215, 0, 7, 128, 129, 130",
        "NTAG216, 0, 7, 128, 143, 144",
        "NTAG216, 1, 0, 144, 159, 160",
        "NTAG216, 1, 5, 224, 225, 226",
    })
    void eachDynamicLockBitLocksItsPageGroupOnly(NtagType type, int lockByte, int bit, int first, int last,
            int next) {
        byte[] dynamic = {0, 0, 0, (byte) 0xBD};
        dynamic[lockByte] = (byte) (1 << bit);
        LockBits locks = new LockBits(type, new byte[4], dynamic);
        assertThat(locks.isPageLocked(first - 1)).as("page before").isFalse();
        assertThat(locks.isPageLocked(first)).isTrue();
        assertThat(locks.isPageLocked(last)).isTrue();
        assertThat(locks.isPageLocked(next)).as("page after").isFalse();
        assertThat(locks.anyLocked()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void factoryStateAndBlockLockBitsAloneLockNothing() {
        byte[] dynamic = {0, 0, 0, (byte) 0xBD};
        assertThat(new LockBits(NtagType.NTAG213, new byte[] {0x44, 0x48, 0, 0}, dynamic).anyLocked()).isFalse();
        // BL-CC, BL9-4, BL15-10 and the dynamic block-lock bits freeze lock bits but lock no page
        LockBits blockOnly = new LockBits(NtagType.NTAG216, new byte[] {0x44, 0x48, 0x07, 0},
                new byte[] {0, 0, 0x7F, (byte) 0xBD});
        assertThat(blockOnly.anyLocked()).isFalse();
        for (int page = 3; page <= NtagType.NTAG216.lastUserPage(); page++) {
            assertThat(blockOnly.isPageLocked(page)).as("page " + page).isFalse();
        }
    }

    @ParameterizedTest
    @CsvSource({
        // static lock byte (2 or 3), bit, the one page it locks
        "2, 3, 3",
        "2, 4, 4",
        "2, 7, 7",
        "3, 0, 8",
        "3, 1, 9",
        "3, 7, 15",
    })
    void eachStaticLockBitLocksItsPageOnly(int lockByte, int bit, int page) {
        byte[] stat = {0x44, 0x48, 0, 0};
        stat[lockByte] = (byte) (1 << bit);
        LockBits locks = new LockBits(NtagType.NTAG213, stat, new byte[] {0, 0, 0, (byte) 0xBD});
        for (int p = 2; p <= 17; p++) {
            assertThat(locks.isPageLocked(p)).as("page " + p).isEqualTo(p == page);
        }
        assertThat(locks.isPageLocked(0)).as("UID pages are factory-locked").isTrue();
        assertThat(locks.isPageLocked(1)).isTrue();
        assertThat(locks.anyLocked()).isTrue();
    }
}
