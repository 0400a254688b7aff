package dev.odksim.tagwriter.ndef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Byte boundaries of the NDEF record decoder (NFC Forum NDEF 1.0: header, type length, payload length of 1 byte
 * with SR or 4 bytes big-endian without, id length with IL, type, id, payload) and of the Type 2 TLV walk
 * (T, L of 1 byte or FF + 2 bytes, V; NULL 00 has no length; terminator FE ends the area).
 */
class NdefBoundariesTest {

    static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** A long record (no SR): C1 = MB ME TNF 1, type "T", the payload length in 4 bytes. */
    static byte[] longRecord(int payloadLength) {
        byte[] out = new byte[7 + payloadLength];
        out[0] = (byte) 0xC1;
        out[1] = 1;
        out[2] = (byte) (payloadLength >>> 24);
        out[3] = (byte) (payloadLength >>> 16);
        out[4] = (byte) (payloadLength >>> 8);
        out[5] = (byte) payloadLength;
        out[6] = 'T';
        Arrays.fill(out, 7, out.length, (byte) 'p');
        return out;
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "255", "256", "259", "513", "70000"})
    void longRecordPayloadLengthIsReadBigEndianFromFourBytes(int length) {
        NdefRecord record = NdefMessage.decode(longRecord(length)).records().get(0);
        assertThat(record.payload()).hasSize(length);
        assertThat(HEX.formatHex(record.type())).isEqualTo("54");
    }

    @ParameterizedTest
    @CsvSource({
        // header through the 4 length bytes, then 1 type byte and 5 payload bytes: the announced length is too big
        "C10101020304, 16909060",
        "C10100010000, 65536",
        "C10100000100, 256",
    })
    void longRecordLengthBeyondTheMessageIsRefusedWithTheLength(String head, long announced) {
        byte[] bytes = HEX.parseHex(head + "54" + "7070707070");
        assertThatThrownBy(() -> NdefMessage.decode(bytes)).isInstanceOf(NdefFormatException.class)
                .hasMessage("record payload length " + announced + " exceeds the message");
    }

    @ParameterizedTest
    @CsvSource({
        "D1, 1", // no type length
        "D101, 2", // no payload length
        "C101000000, 2", // 4-byte payload length cut off
        "C10100000001, 6", // type cut off
        "D90101, 3", // IL set, id length missing
        "D9010101, 4", // type cut off after the id length
        "D901010154, 5", // id cut off
        "D101055461, 4", // payload of 5 announced, 1 there (the length equals the message size)
        "D1010254, 4", // type there, payload of 2 announced, none there
    })
    void truncatedRecordIsRefusedNamingWhereItEnds(String hex, int at) {
        assertThatThrownBy(() -> NdefMessage.decode(HEX.parseHex(hex))).isInstanceOf(NdefFormatException.class)
                .hasMessage("message ends inside a record header (at byte " + at + ")");
    }

    @Test
    void recordThatEndsExactlyAtTheLastByteDecodes() {
        assertThat(NdefMessage.decode(HEX.parseHex("D101015461")).records().get(0).payload()).containsExactly('a');
        NdefRecord withId = NdefMessage.decode(HEX.parseHex("D901010154496A")).records().get(0);
        assertThat(withId.type()).containsExactly('T');
        assertThat(withId.id()).containsExactly('I');
        assertThat(withId.payload()).containsExactly('j');
        assertThat(NdefMessage.decode(longRecord(1)).records().get(0).payload()).containsExactly('p');
    }

    @Test
    void decodingStopsAtTheMessageEndFlag() {
        // ME set on the first record: the bytes after it are not a second record
        assertThat(NdefMessage.decode(HEX.parseHex("D101015461FFFF")).records()).hasSize(1);
        // no record marked ME: the records up to the end of the bytes are read (lenient, as nfcpy is)
        assertThat(NdefMessage.decode(HEX.parseHex("9101015461")).records()).hasSize(1);
        // MB..ME over two records
        assertThat(NdefMessage.decode(HEX.parseHex("9101015461" + "5101015462")).records())
                .extracting(r -> (char) r.payload()[0]).containsExactly('a', 'b');
    }

    @Test
    void payloadOf255BytesIsAShortRecordAnd256ALongOne() {
        byte[] short255 = NdefMessage.of(new NdefRecord(NdefRecord.Tnf.WELL_KNOWN, new byte[] {'T'}, null,
                new byte[255])).encode();
        assertThat(HEX.formatHex(short255, 0, 4)).isEqualTo("D101FF54");
        assertThat(short255).hasSize(4 + 255);
        byte[] long256 = NdefMessage.of(new NdefRecord(NdefRecord.Tnf.WELL_KNOWN, new byte[] {'T'}, null,
                new byte[256])).encode();
        assertThat(HEX.formatHex(long256, 0, 7)).isEqualTo("C1010000010054");
        assertThat(long256).hasSize(7 + 256);
        byte[] large = NdefMessage.of(new NdefRecord(NdefRecord.Tnf.MEDIA, new byte[] {'a'}, null,
                new byte[0x012345])).encode();
        assertThat(HEX.formatHex(large, 0, 7)).isEqualTo("C2010001234561");
        assertThat(NdefMessage.decode(large).records().get(0).payload()).hasSize(0x012345);
    }

    @Test
    void recordIdIsEncodedWithTheIlFlagAndItsLength() {
        NdefRecord withId = new NdefRecord(NdefRecord.Tnf.WELL_KNOWN, new byte[] {'T'}, new byte[] {'I', 'D'},
                new byte[] {'j'});
        assertThat(HEX.formatHex(NdefMessage.of(withId).encode())).isEqualTo("D9010102" + "54" + "4944" + "6A");
        assertThat(NdefMessage.decode(NdefMessage.of(withId).encode()).records()).containsExactly(withId);
    }

    @Test
    void recordsEqualOnlyWhenEveryFieldIsEqual() {
        NdefRecord a = new NdefRecord(NdefRecord.Tnf.WELL_KNOWN, new byte[] {'T'}, new byte[] {1}, new byte[] {2});
        NdefRecord same = new NdefRecord(NdefRecord.Tnf.WELL_KNOWN, new byte[] {'T'}, new byte[] {1}, new byte[] {2});
        assertThat(a).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(a).isNotEqualTo(new NdefRecord(NdefRecord.Tnf.MEDIA, new byte[] {'T'}, new byte[] {1}, new byte[] {2}));
        assertThat(a).isNotEqualTo(new NdefRecord(NdefRecord.Tnf.WELL_KNOWN, new byte[] {'U'}, new byte[] {1}, new byte[] {2}));
        assertThat(a).isNotEqualTo(new NdefRecord(NdefRecord.Tnf.WELL_KNOWN, new byte[] {'T'}, new byte[] {3}, new byte[] {2}));
        assertThat(a).isNotEqualTo(new NdefRecord(NdefRecord.Tnf.WELL_KNOWN, new byte[] {'T'}, new byte[] {1}, new byte[] {3}));
        assertThat(a).isNotEqualTo("T");
        // the hash mixes every field: records differing in one field only hash differently here
        assertThat(a.hashCode()).isNotEqualTo(new NdefRecord(NdefRecord.Tnf.WELL_KNOWN, new byte[] {'T'}, new byte[] {1},
                new byte[] {3}).hashCode());
        assertThat(a.hashCode()).isNotEqualTo(new NdefRecord(NdefRecord.Tnf.WELL_KNOWN, new byte[] {'T'}, new byte[] {3},
                new byte[] {2}).hashCode());
    }

    @ParameterizedTest
    @CsvSource({
        "0302AABBFE, AABB", // plain
        "00000302AABBFE, AABB", // NULL TLVs have no length byte
        "FD021122" + "0301AAFE, AA", // proprietary TLV skipped with its value
        "0103A01044" + "0301AAFE, AA", // lock control TLV skipped
        "0203A01044" + "0301AAFE, AA", // memory control TLV skipped
        "FDFF00021122" + "0301AAFE, AA", // three-byte length of a skipped TLV
        "0302AABB, AABB", // value ends exactly at the end of the area
        "03FF0002AABB, AABB", // three-byte length form
        "03FF0000, ''", // three-byte length 0, exactly at the end
        "0300FE, ''", // empty NDEF message
    })
    void findsTheNdefMessageValue(String area, String message) {
        assertThat(Type2Tlv.findNdefMessage(HEX.parseHex(area))).hasValueSatisfying(
                m -> assertThat(HEX.formatHex(m)).isEqualTo(message));
    }

    @ParameterizedTest
    @CsvSource({"''", "0000", "FE0302AABB", "0000FE0301AA", "FD0111", "FD011100"})
    void noNdefMessageBeforeTheTerminatorOrTheEnd(String area) {
        assertThat(Type2Tlv.findNdefMessage(HEX.parseHex(area))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "03, TLV 0x3 has no length byte",
        "0000FD, TLV 0xfd has no length byte",
        "03FF, three-byte TLV length cut off",
        "03FF01, three-byte TLV length cut off",
        "0303AABB, TLV 0x3 says 3 bytes but only 2 remain on the tag",
        "FD03AABB, TLV 0xfd says 3 bytes but only 2 remain on the tag",
        "03FF0101AA, TLV 0x3 says 257 bytes but only 1 remain on the tag",
    })
    void malformedTlvIsRefusedWithAReason(String area, String reason) {
        assertThatThrownBy(() -> Type2Tlv.findNdefMessage(HEX.parseHex(area))).isInstanceOf(NdefFormatException.class)
                .hasMessage(reason);
    }

    @Test
    void tlvLengthFormSwitchesAt255AndStopsAt65535() {
        assertThat(Type2Tlv.headerLength(254)).isEqualTo(2);
        assertThat(Type2Tlv.headerLength(255)).isEqualTo(4);
        assertThat(HEX.formatHex(Type2Tlv.wrap(new byte[254]), 0, 2)).isEqualTo("03FE");
        assertThat(HEX.formatHex(Type2Tlv.wrap(new byte[255]), 0, 4)).isEqualTo("03FF00FF");
        assertThat(HEX.formatHex(Type2Tlv.wrap(new byte[0x1234]), 0, 4)).isEqualTo("03FF1234");
        byte[] largest = Type2Tlv.wrap(new byte[0xFFFF]);
        assertThat(largest).hasSize(4 + 0xFFFF + 1);
        assertThat(HEX.formatHex(largest, 0, 4)).isEqualTo("03FFFFFF");
        assertThat(largest[largest.length - 1]).isEqualTo((byte) 0xFE);
        assertThatThrownBy(() -> Type2Tlv.wrap(new byte[0x10000])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("NDEF message of 65536 bytes exceeds the TLV limit");
    }
}
