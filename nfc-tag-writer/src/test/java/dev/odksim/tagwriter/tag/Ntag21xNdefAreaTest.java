package dev.odksim.tagwriter.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.odksim.tagwriter.emulator.EmulatedNtag;
import dev.odksim.tagwriter.emulator.EmulatorReader;
import dev.odksim.tagwriter.tag.TagRefusedException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The page/offset arithmetic of {@link Ntag21x#writeNdefTlv} and {@link Ntag21x#verifyNdefTlv}. The TLV
 * blocks are built here byte by byte (NFC Forum Type 2: T = 03, L one byte up to FE, else FF + 2 bytes,
 * terminator FE), with an NDEF message of one record of type "U" and TNF 1: a short record is
 * {@code header, type length, payload length, type} (4 bytes) before the payload, a long one 7.
 * User memory (datasheet): pages 4..39 = 144 bytes (NTAG213), 4..129 = 504 (215), 4..225 = 888 (216).
 */
class Ntag21xNdefAreaTest {

    static final byte[] UID = HexFormat.of().parseHex("04112233445566");
    static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** An NDEF message of exactly {@code length} bytes: one well-known record, payload 'a'.. */
    static byte[] message(int length) {
        boolean shortRecord = length - 4 <= 255;
        int payload = shortRecord ? length - 4 : length - 7;
        if (!shortRecord && payload <= 255) {
            throw new IllegalArgumentException("no single record has a message length of " + length);
        }
        byte[] out = new byte[length];
        int pos = 0;
        out[pos++] = (byte) (shortRecord ? 0xD1 : 0xC1); // MB ME (SR) TNF=1
        out[pos++] = 1;
        if (shortRecord) {
            out[pos++] = (byte) payload;
        } else {
            out[pos++] = 0;
            out[pos++] = 0;
            out[pos++] = (byte) (payload >>> 8);
            out[pos++] = (byte) payload;
        }
        out[pos++] = 'T';
        for (int i = 0; i < payload; i++) {
            out[pos++] = (byte) ('a' + i % 26);
        }
        return out;
    }

    /** T, L (1 or 3 bytes), the message, the terminator FE. */
    static byte[] tlv(byte[] message) {
        byte[] header = message.length <= 0xFE ? new byte[] {0x03, (byte) message.length}
                : new byte[] {0x03, (byte) 0xFF, (byte) (message.length >>> 8), (byte) message.length};
        byte[] out = Arrays.copyOf(header, header.length + message.length + 1);
        System.arraycopy(message, 0, out, header.length, message.length);
        out[out.length - 1] = (byte) 0xFE;
        return out;
    }

    static EmulatorReader reader(NtagType type) {
        return new EmulatorReader("emulator:test", EmulatedNtag.factoryNew(type, UID), null);
    }

    static String page(EmulatorReader reader, int page) {
        return HEX.formatHex(reader.tag().memory()[page]);
    }

    @Test
    void tlvEndingExactlyAtAPageBoundaryWritesTwoPagesOnly() {
        EmulatorReader reader = reader(NtagType.NTAG213);
        byte[] tlv = tlv(message(5)); // 03 05 + 5 + FE = 8 bytes: pages 4 and 5
        assertThat(tlv).hasSize(8);
        RecordingConnection conn = new RecordingConnection(reader.awaitTag(Duration.ZERO));
        Ntag21x tag = Ntag21x.detect(conn);
        tag.writeNdefTlv(tlv);
        assertThat(conn.writes).containsExactly("4:0300D101", "5:015461FE",
                "4:0305D101");
        assertThat(page(reader, 5)).isEqualTo("015461FE");
        assertThat(page(reader, 6)).as("untouched").isEqualTo("00000000");
        tag.verifyNdefTlv(tlv, Optional.empty(), 0);
        assertThat(tag.readNdef().orElseThrow().records()).hasSize(1);
    }

    @Test
    void tlvOneByteOverAPageBoundaryPadsTheLastPageWithZeros() {
        EmulatorReader reader = reader(NtagType.NTAG213);
        try (var tap = reader.awaitTag(Duration.ZERO)) {
            tap.write(6, new byte[] {9, 9, 9, 9}); // old content the padding must overwrite
        }
        byte[] tlv = tlv(message(6)); // 9 bytes: pages 4, 5 and the FE alone on page 6
        RecordingConnection conn = new RecordingConnection(reader.awaitTag(Duration.ZERO));
        Ntag21x tag = Ntag21x.detect(conn);
        tag.writeNdefTlv(tlv);
        assertThat(conn.writes).containsExactly("4:0300D101", "5:02546162", "6:FE000000", "4:0306D101");
        tag.verifyNdefTlv(tlv, Optional.empty(), 0);
    }

    @Test
    void messageOf254BytesKeepsTheOneByteLengthAnd255SwitchesToThreeBytes() {
        EmulatorReader short254 = reader(NtagType.NTAG215);
        RecordingConnection conn = new RecordingConnection(short254.awaitTag(Duration.ZERO));
        byte[] tlv254 = tlv(message(254));
        assertThat(tlv254).hasSize(257);
        Ntag21x.detect(conn).writeNdefTlv(tlv254);
        assertThat(conn.writes.get(0)).as("staged: length 0").isEqualTo("4:0300D101");
        assertThat(conn.writes.get(conn.writes.size() - 1)).isEqualTo("4:03FED101");
        assertThat(conn.writes).hasSize(1 + 64 + 1); // 257 bytes = 65 pages (the last holds only FE), page 4 twice
        assertThat(page(short254, 68)).isEqualTo("FE000000");
        Ntag21x.detect(short254.awaitTag(Duration.ZERO)).verifyNdefTlv(tlv254, Optional.empty(), 0);

        EmulatorReader long255 = reader(NtagType.NTAG215);
        conn = new RecordingConnection(long255.awaitTag(Duration.ZERO));
        byte[] tlv255 = tlv(message(255));
        assertThat(tlv255).hasSize(260);
        Ntag21x.detect(conn).writeNdefTlv(tlv255);
        assertThat(conn.writes.get(0)).as("staged: 3-byte length 0").isEqualTo("4:03FF0000");
        assertThat(conn.writes.get(1)).isEqualTo("5:D101FB54");
        assertThat(conn.writes.get(conn.writes.size() - 1)).isEqualTo("4:03FF00FF");
        assertThat(conn.writes).hasSize(1 + 64 + 1); // 260 bytes = 65 pages
        assertThat(page(long255, 68)).isEqualTo(HEX.formatHex(tlv255, 256, 260));
        assertThat(HEX.formatHex(tlv255, 256, 260)).endsWith("FE");
        Ntag21x.detect(long255.awaitTag(Duration.ZERO)).verifyNdefTlv(tlv255, Optional.empty(), 0);
    }

    @ParameterizedTest
    @CsvSource({
        // type, largest message, its TLV length bytes, last user page
        "NTAG213, 142, 8E, 39",
        "NTAG215, 500, FF01F4, 129",
        "NTAG216, 884, FF0374, 225",
    })
    void largestMessageFillsUserMemoryWithoutTerminatorAndOneMoreIsRefused(NtagType type, int largest,
            String lengthField, int lastUserPage) {
        EmulatorReader reader = reader(type);
        byte[] tlv = tlv(message(largest));
        RecordingConnection conn = new RecordingConnection(reader.awaitTag(Duration.ZERO));
        Ntag21x tag = Ntag21x.detect(conn);
        tag.writeNdefTlv(tlv);
        assertThat(conn.writes.get(conn.writes.size() - 1)).startsWith("4:03" + lengthField);
        assertThat(conn.writes.get(conn.writes.size() - 2)).as("the terminator does not fit and is left out")
                .isEqualTo(lastUserPage + ":" + HEX.formatHex(tlv, tlv.length - 5, tlv.length - 1));
        assertThat(conn.writes).noneMatch(w -> w.startsWith((lastUserPage + 1) + ":"));
        assertThat(page(reader, lastUserPage + 1)).as("dynamic lock page untouched").isEqualTo("000000BD");
        tag.verifyNdefTlv(tlv, Optional.empty(), 0);
        assertThat(tag.readNdef().orElseThrow().records().get(0).payload()).hasSize(largest - (largest <= 259 ? 4 : 7));

        EmulatorReader other = reader(type);
        byte[] tooBig = tlv(message(largest + 1));
        Ntag21x fresh = Ntag21x.detect(other.awaitTag(Duration.ZERO));
        int userBytes = (lastUserPage - 3) * 4;
        assertThatThrownBy(() -> fresh.writeNdefTlv(tooBig))
                .isInstanceOfSatisfying(TagRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_SMALL))
                .hasMessage("message needs " + (userBytes + 1) + " bytes but " + type + " has " + userBytes
                        + " bytes of user memory (1 bytes too many)");
        assertThat(page(other, 4)).as("nothing written").isEqualTo("0300FE00");
    }

    @Test
    void terminatorThatJustFitsIsWritten() {
        EmulatorReader reader = reader(NtagType.NTAG213);
        byte[] tlv = tlv(message(141)); // 2 + 141 + FE = 144 bytes: all of user memory
        Ntag21x tag = Ntag21x.detect(reader.awaitTag(Duration.ZERO));
        tag.writeNdefTlv(tlv);
        assertThat(page(reader, 39)).endsWith("FE");
        tag.verifyNdefTlv(tlv, Optional.empty(), 0);
    }

    @Test
    void verifyNamesThePageAndByteThatDiffers() {
        EmulatorReader reader = reader(NtagType.NTAG213);
        byte[] tlv = tlv(message(6)); // 03 06 D1 01 | 02 54 61 62 | FE
        Ntag21x tag = Ntag21x.detect(reader.awaitTag(Duration.ZERO));
        tag.writeNdefTlv(tlv);
        try (var tap = reader.awaitTag(Duration.ZERO)) {
            tap.write(6, new byte[] {0, 0, 0, 0}); // the terminator lost
        }
        assertThatThrownBy(() -> tag.verifyNdefTlv(tlv, Optional.empty(), 0))
                .isInstanceOf(VerifyFailedException.class)
                .hasMessage("read-back differs at page 6 byte 0: wrote FE000000, read 00000000");
        try (var tap = reader.awaitTag(Duration.ZERO)) {
            tap.write(6, new byte[] {(byte) 0xFE, 0, 0, 0});
            tap.write(5, new byte[] {2, 0x54, 0x61, 0x63});
        }
        assertThatThrownBy(() -> tag.verifyNdefTlv(tlv, Optional.empty(), 0))
                .hasMessage("read-back differs at page 5 byte 3: wrote 02546162, read 02546163");
    }

    @Test
    void verifyIgnoresExactlyTheMirroredBytes() {
        // The message carries a 14-byte UID placeholder at TLV offset 8..21; the tag holds the UID there.
        byte[] message = message(30);
        int mirrorAt = 8;
        Arrays.fill(message, mirrorAt - 2, mirrorAt - 2 + 14, (byte) 'u'); // any placeholder
        byte[] tlv = tlv(message);
        byte[] onTag = tlv.clone();
        System.arraycopy("04112233445566".getBytes(StandardCharsets.US_ASCII), 0, onTag, mirrorAt, 14);

        EmulatorReader reader = reader(NtagType.NTAG213);
        Ntag21x tag = Ntag21x.detect(reader.awaitTag(Duration.ZERO));
        tag.writeNdefTlv(onTag);
        tag.verifyNdefTlv(tlv, Optional.of(MirrorMode.UID), mirrorAt);

        // a difference just before or just after the mirror is still a difference
        byte[] before = tlv.clone();
        before[mirrorAt - 1] ^= 1;
        assertThatThrownBy(() -> tag.verifyNdefTlv(before, Optional.of(MirrorMode.UID), mirrorAt))
                .hasMessageStartingWith("read-back differs at page 5 byte 3");
        byte[] after = tlv.clone();
        after[mirrorAt + 14] ^= 1;
        assertThatThrownBy(() -> tag.verifyNdefTlv(after, Optional.of(MirrorMode.UID), mirrorAt))
                .hasMessageStartingWith("read-back differs at page 9 byte 2");
        // the mirror must read as this tag's UID, not as anything
        assertThatThrownBy(() -> tag.verifyNdefTlv(tlv, Optional.of(MirrorMode.UID), mirrorAt + 1))
                .isInstanceOf(VerifyFailedException.class);
    }
}
