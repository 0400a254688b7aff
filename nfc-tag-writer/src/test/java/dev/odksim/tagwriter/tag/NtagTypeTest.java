package dev.odksim.tagwriter.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Identification from the datasheet's GET_VERSION answers (00 04 04 02 01 00 {0F|11|13} 03: NXP, NTAG, 50 pF,
 * major 1, minor 0, storage size, ISO 14443-3) and capability containers (E1 10 {12|3E|6D} 00).
 */
class NtagTypeTest {

    static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({
        "0004040201000F03, NTAG213",
        "0004040201001103, NTAG215",
        "0004040201001303, NTAG216",
        "0004040201000F03AA, NTAG213", // longer answers are read by their first 8 bytes
        "0004040201000E03, ''", // a storage size no NTAG213/215/216 has
        "0004040201000B03, ''", // NTAG210
        "0004040401000F03, ''", // subtype other than 50 pF NTAG
        "0104040201000F03, ''", // fixed header byte
        "0004030201000F03, ''", // product type other than NTAG (03 = MIFARE Ultralight)
        "0004040201010F03, ''", // minor version 1
        "0004040201008F03, ''", // storage size with the high bit set
        "0004040201000F, ''", // 7 bytes
    })
    void typeFromGetVersion(String version, String type) {
        assertThat(NtagType.fromVersion(HEX.parseHex(version)).map(Enum::name).orElse("")).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource({
        "E1101200, NTAG213",
        "E1103E00, NTAG215",
        "E1106D0F, NTAG216", // read-only CC still identifies the type
        "E1109200, ''", // high bit set on the 213 size byte
        "E1100600, ''", // Ultralight
        "E2101200, ''", // not the NDEF magic number
        "61101200, ''", // the magic number's high bit missing
        "E11012, ''", // 3 bytes
    })
    void typeFromCapabilityContainer(String cc, String type) {
        assertThat(NtagType.fromCapabilityContainer(HEX.parseHex(cc)).map(Enum::name).orElse("")).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource({"ntag213, NTAG213", "NTAG216, NTAG216", "Ntag215, NTAG215", "ntag217, ''", "'', ''"})
    void parsesTheTypeName(String name, String type) {
        assertThat(NtagType.parse(name).map(Enum::name).orElse("")).isEqualTo(type);
        assertThat(NtagType.fromVersion(null)).isEmpty();
        assertThat(NtagType.fromCapabilityContainer(null)).isEmpty();
    }
}
