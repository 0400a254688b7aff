package dev.odksim.tagwriter.ndef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NdefEncodingTest {

    static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    @Test
    void stickerUrlAsType2TlvIsByteExact() {
        byte[] tlv = Type2Tlv.wrap(NdefMessage.uri("https://example.com/t/42").encode());
        assertThat(HEX.formatHex(tlv))
                .isEqualTo("03 15 D1 01 11 55 04 65 78 61 6D 70 6C 65 2E 63 6F 6D 2F 74 2F 34 32 FE");
    }

    @ParameterizedTest
    @CsvSource({
        "https://www.example.com/, 02, example.com/",
        "http://www.example.com/, 01, example.com/",
        "http://example.com/, 03, example.com/",
        "tel:+4712345678, 05, +4712345678",
        "mailto:qa@example.com, 06, qa@example.com",
        "urn:epc:id:sgtin:1, 1E, sgtin:1",
        "urn:epc:x, 22, x",
        "urn:nfc:wkt:U, 23, wkt:U",
        "urn:isbn:1, 13, isbn:1",
        "ftp://anonymous:anonymous@host/, 07, host/",
        "ftp://ftp.host/, 08, host/",
        "ftp://host/, 0D, host/",
        "myapp://open/42, 00, myapp://open/42"
    })
    void longestPrefixIsAbbreviated(String uri, String code, String rest) {
        NdefRecord record = NdefRecord.uri(uri);
        assertThat(record.payload()[0]).isEqualTo((byte) Integer.parseInt(code, 16));
        assertThat(new String(record.payload(), 1, record.payload().length - 1, StandardCharsets.UTF_8)).isEqualTo(rest);
        assertThat(record.uriValue()).isEqualTo(uri);
    }

    @Test
    void prefixTableHasAllThirtySixCodes() {
        assertThat(UriPrefix.TABLE).hasSize(0x24);
        assertThat(UriPrefix.expand(0x24)).isEmpty();
    }

    @Test
    void payloadOver255BytesBecomesALongRecordWithThreeByteTlvLength() {
        String url = "https://example.com/" + "a".repeat(300);
        byte[] message = NdefMessage.uri(url).encode();
        // header without SR, type length 1, 4-byte payload length: code + "example.com/" + 300 = 313 = 0x139
        assertThat(HEX.formatHex(message, 0, 7)).isEqualTo("C1 01 00 00 01 39 55");
        assertThat(message).hasSize(7 + 0x139);
        byte[] tlv = Type2Tlv.wrap(message);
        int length = message.length; // 0x0140
        assertThat(HEX.formatHex(tlv, 0, 4)).isEqualTo("03 FF " + HEX.formatHex(new byte[] {(byte) (length >>> 8), (byte) length}));
        assertThat(tlv[tlv.length - 1]).isEqualTo((byte) 0xFE);
        assertThat(NdefMessage.decode(Type2Tlv.findNdefMessage(tlv).orElseThrow()).records().get(0).uriValue()).isEqualTo(url);
    }

    @Test
    void shortRecordWithMessageOf255BytesUsesThreeByteTlvLength() {
        // payload 251 -> message 255 bytes: still a short record, but the TLV needs the 3-byte length (0xFF is reserved).
        String url = "https://" + "b".repeat(250);
        byte[] message = NdefMessage.uri(url).encode();
        assertThat(message).hasSize(255);
        assertThat(message[0]).isEqualTo((byte) 0xD1);
        assertThat(HEX.formatHex(Type2Tlv.wrap(message), 0, 4)).isEqualTo("03 FF 00 FF");
        byte[] shorter = NdefMessage.uri(url.substring(0, url.length() - 1)).encode();
        assertThat(HEX.formatHex(Type2Tlv.wrap(shorter), 0, 2)).isEqualTo("03 FE");
    }

    @Test
    void decodesRecordsItDidNotWrite() {
        NdefMessage message = NdefMessage.of(
                NdefRecord.text("en", "Front door"),
                NdefRecord.uri("tel:+4712345678"),
                new NdefRecord(NdefRecord.Tnf.MEDIA, "text/plain".getBytes(StandardCharsets.US_ASCII), null,
                        "hello".getBytes(StandardCharsets.US_ASCII)),
                new NdefRecord(NdefRecord.Tnf.EXTERNAL, "android.com:pkg".getBytes(StandardCharsets.US_ASCII), null,
                        "no.unloc.app".getBytes(StandardCharsets.US_ASCII)),
                new NdefRecord(NdefRecord.Tnf.UNKNOWN, null, null, new byte[] {1, 2, (byte) 0xFF}));
        NdefMessage decoded = NdefMessage.decode(message.encode());
        assertThat(decoded).isEqualTo(message);
        assertThat(decoded.records()).extracting(NdefRecord::toString).containsExactly(
                "Text [en] Front door",
                "URI tel:+4712345678",
                "Media text/plain: \"hello\"",
                "External android.com:pkg: \"no.unloc.app\"",
                "UNKNOWN record, type : 3 bytes 01 02 FF");
    }

    @Test
    void decodesSmartPosterAndChunkedRecords() {
        byte[] poster = NdefMessage.of(NdefRecord.uri("https://example.com/sp"), NdefRecord.text("no", "Dør")).encode();
        NdefRecord sp = new NdefRecord(NdefRecord.Tnf.WELL_KNOWN, new byte[] {'S', 'p'}, null, poster);
        assertThat(NdefMessage.decode(NdefMessage.of(sp).encode()).records().get(0).toString())
                .isEqualTo("Smart poster { URI https://example.com/sp; Text [no] Dør }");

        // "https://ab" as two chunks: first with CF and the type, then TNF unchanged.
        byte[] chunked = HexFormat.of().parseHex("B101025504" + "61" + "56" + "00" + "01" + "62");
        assertThat(NdefMessage.decode(chunked).records()).extracting(NdefRecord::uriValue).containsExactly("https://ab");
    }

    @Test
    void malformedBytesAreRejectedWithAReason() {
        assertThatThrownBy(() -> NdefMessage.decode(HexFormat.of().parseHex("D10111550465")))
                .isInstanceOf(NdefFormatException.class);
        assertThatThrownBy(() -> Type2Tlv.findNdefMessage(HexFormat.of().parseHex("0320D101")))
                .isInstanceOf(NdefFormatException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void findsTheNdefTlvAfterOtherTlvs() {
        byte[] area = HexFormat.of().parseHex("00" + "0103A01044" + "0300FE");
        assertThat(Type2Tlv.findNdefMessage(area)).hasValueSatisfying(m -> assertThat(m).isEmpty());
        assertThat(Type2Tlv.findNdefMessage(HexFormat.of().parseHex("FE0000"))).isEmpty();
    }
}
