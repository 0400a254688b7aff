package dev.odksim.tagwriter.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The emulator's model of the one-time-programmable lock bytes (datasheet NTAG213_215_216 §8.5.1, §8.5.2):
 * a WRITE ORs bits in; a block-lock bit already set freezes the lock bits it covers. Static lock byte 0 =
 * L7 L6 L5 L4 L-CC BL15-10 BL9-4 BL-CC (bit 7..0), byte 1 = L15..L8. Dynamic byte 2 holds the block-lock
 * bits: on NTAG213 each covers 8 lock bits (BL16-31, BL32-39), on NTAG215/216 each covers 2 (16-page bits).
 * Byte 3 of the dynamic lock page is RFUI and reads BD.
 */
class LockBitsWriteTest {

    static final HexFormat HEX = HexFormat.of().withUpperCase();

    @ParameterizedTest
    @CsvSource({
        // current page 2, data written, page 2 after
        "44480000, AABB1000, 44481000", // bytes 0-1 (BCC1, internal) are not written
        "44481001, 00002000, 44483001", // OR: bits already set stay, new ones are added
        "44483000, 00000000, 44483000", // writing zeros clears nothing
        "44480000, 0000FFFF, 4448FFFF", // block-lock and lock bits in one write from factory state
        "44480100, 0000F800, 4448F100", // BL-CC set: L-CC refused, L4..L7 still accepted
        "44480200, 0000F803, 44480A00", // BL9-4 set: L4..L7 and L8, L9 refused, L-CC accepted
        "44480200, 000000FC, 444802FC", //   ... L10..L15 still accepted
        "44480400, 0000F0FF, 4448F403", // BL15-10 set: L10..L15 refused, L4..L9 accepted
        "44480700, 0000F8FF, 44480700", // all three block-lock bits: nothing more can be set
    })
    void staticWriteOrsBitsExceptThoseBlocked(String current, String data, String after) {
        assertThat(HEX.formatHex(LockBits.applyStaticWrite(HEX.parseHex(current), HEX.parseHex(data))))
                .isEqualTo(after);
    }

    @ParameterizedTest
    @CsvSource({
        // type, current dynamic lock page, data written, after
        "NTAG213, 000000BD, FF0F0300, FF0F03BD", // all at once from factory; byte 3 stays RFUI BD
        "NTAG213, 010000BD, 02000000, 030000BD", // OR
        "NTAG213, 030000BD, 00000000, 030000BD", // zeros clear nothing
        "NTAG213, 000001BD, FF0F00FF, 000F01BD", // BL16-31 freezes byte 0 (pages 16..31) only
        "NTAG213, 000002BD, FF0F0000, FF0002BD", // BL32-39 freezes byte 1 (pages 32..39) only
        "NTAG213, 000001BD, 00000200, 000003BD", // block-lock bits OR too
        "NTAG215, 000001BD, FF000000, FC0001BD", // BL16-47 freezes lock bits 0, 1 only
        "NTAG215, 000008BD, FF000000, 3F0008BD", // BL112-129 freezes lock bits 6, 7
        "NTAG216, 000010BD, FFFF0000, FFFC10BD", // BL144-175 freezes lock bits 8, 9 (byte 1 bits 0, 1)
        "NTAG216, 000040BD, FFFF0000, FFCF40BD", // BL208-225 freezes lock bits 12, 13
        "NTAG216, 000000BD, FF3F7F00, FF3F7FBD", // all at once from factory
    })
    void dynamicWriteOrsBitsExceptThoseBlocked(NtagType type, String current, String data, String after) {
        assertThat(HEX.formatHex(LockBits.applyDynamicWrite(type, HEX.parseHex(current), HEX.parseHex(data))))
                .isEqualTo(after);
    }
}
