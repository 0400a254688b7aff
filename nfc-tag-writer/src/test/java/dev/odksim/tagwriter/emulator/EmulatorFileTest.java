package dev.odksim.tagwriter.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.odksim.tagwriter.tag.NtagType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorFileTest {

    @TempDir
    Path dir;

    @Test
    void factoryTagIsSavedAsOnePagePerLineAndLoadsBackTheSame() throws Exception {
        EmulatedNtag tag = EmulatedNtag.factoryNew(NtagType.NTAG213, HexFormat.of().parseHex("04A1B2C3D4E5F6"));
        Path file = dir.resolve("tag.txt");
        EmulatorFile.save(tag, file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(45 + 1);
        // UID0..2 + BCC0 (0x88 ^ 04 ^ A1 ^ B2), UID3..6, BCC1 + internal + static lock bytes, CC
        assertThat(lines.subList(0, 5)).containsExactly("04A1B29F", "C3D4E5F6", "04480000", "E1101200", "0300FE00");
        assertThat(lines.get(40)).isEqualTo("000000BD");
        assertThat(lines.subList(41, 45)).containsExactly("040000FF", "00000000", "FFFFFFFF", "00000000");
        assertThat(lines.get(45)).isEqualTo("# nfc-counter: 0");
        assertThat(EmulatorFile.load(NtagType.NTAG213, file).memory()).isDeepEqualTo(tag.memory());
    }

    @Test
    void wrongPageCountOrBadLineIsRefusedWithTheLine() throws Exception {
        Path file = dir.resolve("short.txt");
        Files.writeString(file, "04A1B29F\nC3D4E5F6\n");
        assertThatThrownBy(() -> EmulatorFile.load(NtagType.NTAG213, file)).hasMessageContaining("has 2 pages but NTAG213 has 45");
        Files.writeString(file, "04A1B29F\nnot-hex\n");
        assertThatThrownBy(() -> EmulatorFile.load(NtagType.NTAG213, file)).hasMessageContaining("line 2");
    }

    @Test
    void getVersionIdentifiesEachType() {
        for (NtagType type : NtagType.values()) {
            EmulatedNtag tag = EmulatedNtag.factoryNew(type, EmulatedNtag.randomUid());
            assertThat(NtagType.fromVersion(tag.getVersion())).contains(type);
            assertThat(NtagType.fromCapabilityContainer(tag.memory()[3])).contains(type);
        }
        assertThat(HexFormat.of().formatHex(NtagType.NTAG215.versionBytes())).isEqualTo("0004040201001103");
    }
}
