package dev.odksim.tagwriter.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.odksim.tagwriter.emulator.EmulatedNtag;
import dev.odksim.tagwriter.emulator.EmulatorReader;
import dev.odksim.tagwriter.tag.TagRefusedException.Reason;
import dev.odksim.tagwriter.transport.TagCommandException;
import dev.odksim.tagwriter.transport.TagConnection;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Detection, password protection and single-page writes of {@link Ntag21x} on an emulated NTAG213 (datasheet:
 * CFG0 0x29 = MIRROR, RFUI, MIRROR_PAGE, AUTH0 (factory 04 00 00 FF); CFG1 0x2A = ACCESS (PROT bit 7, CFGLCK bit 6);
 * PWD 0x2B (factory FFFFFFFF); PACK 0x2C; user pages 4..39).
 */
class Ntag21xSessionTest {

    static final byte[] UID = HexFormat.of().parseHex("04112233445566");
    static final byte[] PWD = HexFormat.of().parseHex("12345678");
    static final byte[] PACK = HexFormat.of().parseHex("ABCD");

    static EmulatorReader reader(EmulatedNtag tag) {
        return new EmulatorReader("emulator:test", tag, null);
    }

    static EmulatorReader reader() {
        return reader(EmulatedNtag.factoryNew(NtagType.NTAG213, UID));
    }

    static RecordingConnection tap(EmulatorReader reader) {
        return new RecordingConnection(reader.awaitTag(Duration.ZERO));
    }

    @Test
    void detectUsesGetVersionAloneWhenTheReaderCanSendIt() {
        RecordingConnection conn = tap(reader(EmulatedNtag.factoryNew(NtagType.NTAG215, UID)));
        Ntag21x tag = Ntag21x.detect(conn);
        assertThat(tag.type()).isEqualTo(NtagType.NTAG215);
        assertThat(conn.reads).as("no READ needed").isEmpty();
        assertThat(tag.uidHex()).isEqualTo("04112233445566");
        assertThat(tag.uid()).isEqualTo(UID);
    }

    @Test
    void detectFallsBackToTheCapabilityContainerWithoutRawCommands() {
        RecordingConnection conn = tap(reader(EmulatedNtag.factoryNew(NtagType.NTAG216, UID)));
        conn.raw = false;
        assertThat(Ntag21x.detect(conn).type()).isEqualTo(NtagType.NTAG216);
        assertThat(conn.reads).containsExactly(0); // pages 0..3, the CC is bytes 12..15
    }

    @Test
    void detectRefusesATagThatIsNoNtag21xNamingWhatItSaw() {
        byte[][] pages = EmulatedNtag.factoryNew(NtagType.NTAG213, UID).memory();
        pages[3] = new byte[] {(byte) 0xE1, 0x10, 0x06, 0x00}; // MIFARE Ultralight's CC (48 bytes)
        RecordingConnection conn = tap(reader(new EmulatedNtag(NtagType.NTAG213, pages, 0)));
        conn.version = HexFormat.of().parseHex("0004030101000B03"); // MIFARE Ultralight EV1
        assertThatThrownBy(() -> Ntag21x.detect(conn))
                .isInstanceOfSatisfying(TagRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED))
                .hasMessage("tag is not an NTAG213/215/216 (GET_VERSION 0004030101000B03, CC E1100600)");

        conn.raw = false;
        assertThatThrownBy(() -> Ntag21x.detect(conn))
                .hasMessage("tag is not an NTAG213/215/216 (GET_VERSION n/a, CC E1100600)");
    }

    @Test
    void protectWritesPwdAndPackFirstAndAuth0Last() {
        EmulatorReader reader = reader();
        RecordingConnection conn = tap(reader);
        Ntag21x.detect(conn).protect(PWD, PACK);
        assertThat(conn.writes).containsExactly("43:12345678", "44:ABCD0000", "41:04000004");

        // with read protection (PROT) set, CFG1 is cleared before AUTH0 switches protection on
        EmulatorReader prot = reader();
        try (TagConnection c = prot.awaitTag(Duration.ZERO)) {
            c.write(42, new byte[] {(byte) 0x80, 0, 0, 0});
        }
        conn = tap(prot);
        Ntag21x.detect(conn).protect(PWD, PACK);
        assertThat(conn.writes).containsExactly("43:12345678", "44:ABCD0000", "42:00000000", "41:04000004");
    }

    @Test
    void authenticateChecksThePackAndNeedsRawCommands() {
        EmulatorReader reader = reader();
        Ntag21x.detect(tap(reader)).protect(PWD, PACK);

        Ntag21x tag = Ntag21x.detect(tap(reader));
        assertThat(tag.needsPassword()).isTrue();
        assertThatThrownBy(() -> tag.authenticate(PWD, Optional.of(HexFormat.of().parseHex("1234"))))
                .isInstanceOfSatisfying(TagRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTH))
                .hasMessage("tag 04112233445566 answered PACK ABCD, expected 1234: not the tag the password was set on");
        assertThat(tag.needsPassword()).isTrue();
        tag.authenticate(PWD, Optional.of(PACK));
        assertThat(tag.needsPassword()).isFalse();

        Ntag21x other = Ntag21x.detect(tap(reader));
        other.authenticate(PWD, Optional.empty());
        assertThat(other.needsPassword()).isFalse();

        RecordingConnection noRaw = tap(reader);
        noRaw.raw = false;
        Ntag21x viaPlainReader = Ntag21x.detect(noRaw);
        assertThatThrownBy(() -> viaPlainReader.authenticate(PWD, Optional.of(PACK)))
                .isInstanceOfSatisfying(TagRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED))
                .hasMessage("reader emulator:test cannot send PWD_AUTH to the tag; use an ACR122U-compatible reader");
    }

    @Test
    void unprotectSwitchesAuth0OffFirstThenRestoresTheFactoryPassword() {
        EmulatorReader reader = reader();
        Ntag21x.detect(tap(reader)).protect(PWD, PACK);
        RecordingConnection conn = tap(reader);
        Ntag21x tag = Ntag21x.detect(conn);
        tag.authenticate(PWD, Optional.of(PACK));
        conn.write(42, new byte[] {(byte) 0x80, 0, 0, 0}); // PROT on as well
        conn.writes.clear();
        tag.unprotect();
        assertThat(conn.writes).containsExactly("41:040000FF", "42:00000000", "43:FFFFFFFF", "44:00000000");
        byte[][] memory = reader.tag().memory();
        assertThat(memory[43]).isEqualTo(NtagType.DEFAULT_PWD);
        assertThat(Ntag21x.detect(tap(reader)).needsPassword()).isFalse();
    }

    @Test
    void writeUserPageTakesPages4To39Only() {
        EmulatorReader reader = reader();
        Ntag21x tag = Ntag21x.detect(tap(reader));
        assertThatThrownBy(() -> tag.writeUserPage(3, new byte[4])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("page 3 is not user memory of NTAG213");
        assertThatThrownBy(() -> tag.writeUserPage(40, new byte[4])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("page 40 is not user memory of NTAG213");
        tag.writeUserPage(4, new byte[] {1, 2, 3, 4});
        tag.writeUserPage(39, new byte[] {5, 6, 7, 8});
        assertThat(reader.tag().memory()[4]).containsExactly(1, 2, 3, 4);
        assertThat(reader.tag().memory()[39]).containsExactly(5, 6, 7, 8);
    }

    @Test
    void aNakedWriteSaysWhetherThePasswordOrALockIsInTheWay() {
        EmulatorReader reader = reader();
        try (TagConnection c = reader.awaitTag(Duration.ZERO)) {
            c.write(2, new byte[] {0, 0, 0x20, 0}); // L5
        }
        Ntag21x locked = Ntag21x.detect(tap(reader));
        assertThatThrownBy(() -> locked.writeUserPage(5, new byte[4]))
                .isInstanceOfSatisfying(TagRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LOCKED))
                .hasMessage("tag 04112233445566 refused a write to page 5 (NAK: page 5 is locked)");

        Ntag21x.detect(tap(reader)).protect(PWD, PACK);
        Ntag21x protectedTag = Ntag21x.detect(tap(reader));
        assertThatThrownBy(() -> protectedTag.writeUserPage(6, new byte[4]))
                .isInstanceOfSatisfying(TagRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTH))
                .hasMessage("tag 04112233445566 refused a write to page 6 (NAK: page 6 is password-protected)");
    }

    @Test
    void aReaderErrorIsPassedOnUnchanged() {
        TagCommandException readerError = new TagCommandException(TagCommandException.READER_ERROR, "reader unplugged");
        RecordingConnection conn = new RecordingConnection(reader().awaitTag(Duration.ZERO)) {
            @Override
            public void write(int page, byte[] data) {
                throw readerError;
            }
        };
        Ntag21x tag = Ntag21x.detect(conn);
        assertThatThrownBy(() -> tag.writeUserPage(4, new byte[4])).isSameAs(readerError);
    }

    @Test
    void onlyThePagesTheMessageTakesMustBeUnlocked() {
        EmulatorReader reader = reader();
        try (TagConnection c = reader.awaitTag(Duration.ZERO)) {
            c.write(2, new byte[] {0, 0, 0x40, 0}); // L6: page 6
        }
        byte[] twoPages = HexFormat.of().parseHex("0305D101015461FE"); // pages 4, 5
        Ntag21x tag = Ntag21x.detect(tap(reader));
        tag.writeNdefTlv(twoPages);
        tag.verifyNdefTlv(twoPages, Optional.empty(), 0);
        byte[] threePages = HexFormat.of().parseHex("0306D10102546162FE");
        assertThatThrownBy(() -> tag.writeNdefTlv(threePages))
                .isInstanceOfSatisfying(TagRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LOCKED))
                .hasMessage("tag 04112233445566 is locked: page 6 is permanently read-only (lock bits set)");
    }

    @Test
    void readingTheNdefAreaTakesOneReadPerFourPages() {
        EmulatorReader reader = reader();
        RecordingConnection conn = tap(reader);
        Ntag21x tag = Ntag21x.detect(conn);
        assertThat(tag.readNdef()).hasValueSatisfying(m -> assertThat(m.records()).isEmpty());
        // the CC, then user pages 4..39 in nine READs of four pages
        assertThat(conn.reads).containsExactly(3, 4, 8, 12, 16, 20, 24, 28, 32, 36);
    }

    @Test
    void aBlankCapabilityContainerIsProgrammedBeforeTheMessage() {
        byte[][] pages = EmulatedNtag.factoryNew(NtagType.NTAG215, UID).memory();
        pages[3] = new byte[4]; // never NDEF-formatted
        EmulatorReader reader = reader(new EmulatedNtag(NtagType.NTAG215, pages, 0));
        RecordingConnection conn = tap(reader);
        Ntag21x tag = Ntag21x.detect(conn);
        assertThat(tag.readNdef()).as("not NDEF-formatted").isEmpty();
        tag.writeNdefTlv(HexFormat.of().parseHex("0305D101015461FE"));
        assertThat(conn.writes).containsExactly("3:E1103E00", "4:0300D101", "5:015461FE", "4:0305D101");
    }

    @Test
    void aConfigurationLockedByCfglckAcceptsOnlyWhatItAlreadyHolds() {
        EmulatorReader reader = reader();
        try (TagConnection c = reader.awaitTag(Duration.ZERO)) {
            c.write(42, new byte[] {0x40, 0, 0, 0}); // CFGLCK
        }
        RecordingConnection conn = tap(reader);
        Ntag21x tag = Ntag21x.detect(conn);
        tag.configureMirror(Optional.empty(), 0); // no mirror already: nothing to write
        assertThat(conn.writes).isEmpty();
        assertThatThrownBy(() -> tag.configureMirror(Optional.of(MirrorMode.UID), 10))
                .isInstanceOfSatisfying(TagRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LOCKED))
                .hasMessage("configuration of tag 04112233445566 is permanently locked (CFGLCK)");
        assertThat(conn.writes).isEmpty();
    }

    @Test
    void theNfcCounterCountsTapsOnceEnabled() {
        EmulatorReader reader = reader();
        Ntag21x.detect(tap(reader)).configureMirror(Optional.of(MirrorMode.COUNTER), 10);
        assertThat(reader.tag().memory()[42][0]).as("NFC_CNT_EN").isEqualTo((byte) 0x10);
        for (int taps = 1; taps <= 2; taps++) {
            Ntag21x tag = Ntag21x.detect(tap(reader));
            tag.readNdef();
            assertThat(tag.readCounter()).isEqualTo(taps);
        }
    }
}
