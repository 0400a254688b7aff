package dev.odksim.tagwriter.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.odksim.tagwriter.ndef.NdefRecord;
import dev.odksim.tagwriter.tag.MirrorMode;
import dev.odksim.tagwriter.tag.Ntag21x;
import dev.odksim.tagwriter.tag.NtagType;
import dev.odksim.tagwriter.tag.TagRefusedException;
import dev.odksim.tagwriter.tag.TagRefusedException.Reason;
import dev.odksim.tagwriter.tag.VerifyFailedException;
import dev.odksim.tagwriter.transport.TagConnection;
import dev.odksim.tagwriter.emulator.EmulatedNtag;
import dev.odksim.tagwriter.emulator.EmulatorReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StickerWriterTest {

    static final byte[] UID = HexFormat.of().parseHex("04112233445566");
    static final byte[] PWD = HexFormat.of().parseHex("12345678");
    static final byte[] PACK = HexFormat.of().parseHex("ABCD");
    static final HexFormat HEX = HexFormat.of().withUpperCase();

    final StickerWriter writer = new StickerWriter();

    static EmulatorReader reader(NtagType type) {
        return new EmulatorReader("emulator:test", EmulatedNtag.factoryNew(type, UID), null);
    }

    static WriteRequest plain(String url) {
        return new WriteRequest(StickerUrl.parse(url), true, Optional.empty(), new byte[2], false);
    }

    static WriteRequest withPassword(String url, byte[] pwd) {
        return new WriteRequest(StickerUrl.parse(url), true, Optional.of(pwd), PACK, false);
    }

    static String readUri(EmulatorReader reader) {
        try (TagConnection conn = reader.awaitTag(Duration.ZERO)) {
            return Ntag21x.detect(conn).readNdef().orElseThrow().records().get(0).uriValue();
        }
    }

    WriteResult write(EmulatorReader reader, WriteRequest request) {
        try (TagConnection conn = reader.awaitTag(Duration.ZERO)) {
            return writer.write(conn, request);
        }
    }

    @Test
    void writesVerifiesAndReadsBack() {
        EmulatorReader reader = reader(NtagType.NTAG213);
        WriteResult result = write(reader, plain("https://example.com/t/42"));
        assertThat(result.verified()).isTrue();
        assertThat(result.uid()).isEqualTo("04112233445566");
        assertThat(result.bytes()).isEqualTo(24);
        assertThat(readUri(reader)).isEqualTo("https://example.com/t/42");
        assertThat(HEX.formatHex(reader.tag().memory()[4])).isEqualTo("0315D101");
    }

    @ParameterizedTest
    @EnumSource(NtagType.class)
    void fillsUserMemoryExactlyAndRefusesOneByteMore(NtagType type) {
        assertThat(type.userBytes()).isEqualTo(switch (type) {
            case NTAG213 -> 144;
            case NTAG215 -> 504;
            case NTAG216 -> 888;
        });
        int header = type == NtagType.NTAG213 ? 2 : 4; // TLV T+L
        int recordHeader = type == NtagType.NTAG213 ? 4 : 7; // short or long URI record header
        // https:// abbreviates to 1 byte; the TLV without terminator exactly fills the user memory.
        int restLength = type.userBytes() - header - recordHeader - 1;
        String fits = "https://" + "x".repeat(restLength);
        EmulatorReader reader = reader(type);
        write(reader, plain(fits));
        assertThat(readUri(reader)).isEqualTo(fits);

        EmulatorReader other = reader(type);
        assertThatThrownBy(() -> write(other, plain(fits + "y")))
                .isInstanceOfSatisfying(TagRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_SMALL))
                .hasMessage("message needs " + (type.userBytes() + 1) + " bytes but " + type + " has "
                        + type.userBytes() + " bytes of user memory (1 bytes too many)");
        assertThat(other.tag().memory()[4]).as("nothing written").isEqualTo(new byte[] {3, 0, (byte) 0xFE, 0});
    }

    @Test
    void writesInCrashTolerantOrder() {
        EmulatorReader reader = reader(NtagType.NTAG215);
        List<String> writes = new ArrayList<>();
        String url = "https://example.com/" + "z".repeat(300); // three-byte TLV length
        try (TagConnection conn = recording(reader.awaitTag(Duration.ZERO), writes)) {
            writer.write(conn, plain(url));
        }
        assertThat(writes.get(0)).isEqualTo("4:03FF0000");
        assertThat(writes.get(writes.size() - 1)).startsWith("4:03FF01");
        assertThat(writes.subList(1, writes.size() - 1)).allMatch(w -> !w.startsWith("4:"));
        assertThat(readUri(reader)).isEqualTo(url);
    }

    @Test
    void protectedTagRefusesWritesWithoutThePasswordAndAcceptsThemWithIt() {
        EmulatorReader reader = reader(NtagType.NTAG213);
        WriteResult first = write(reader, withPassword("https://example.com/t/1", PWD));
        assertThat(first.passwordProtected()).isTrue();
        byte[][] memory = reader.tag().memory();
        assertThat(memory[NtagType.NTAG213.pwdPage()]).isEqualTo(PWD);
        assertThat(memory[NtagType.NTAG213.cfg0Page()][3]).as("AUTH0").isEqualTo((byte) 4);

        assertThatThrownBy(() -> write(reader, plain("https://evil.example/")))
                .isInstanceOfSatisfying(TagRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTH))
                .hasMessageContaining("password-protected");
        assertThatThrownBy(() -> write(reader, withPassword("https://evil.example/", HexFormat.of().parseHex("00000000"))))
                .isInstanceOfSatisfying(TagRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTH))
                .hasMessageContaining("wrong password");
        assertThat(readUri(reader)).isEqualTo("https://example.com/t/1");

        write(reader, withPassword("https://example.com/t/2", PWD));
        assertThat(readUri(reader)).isEqualTo("https://example.com/t/2");
    }

    @Test
    void emulatorNaksWritesToProtectedPagesEvenWhenTheWriterIsBypassed() {
        EmulatorReader reader = reader(NtagType.NTAG213);
        write(reader, withPassword("https://example.com/t/1", PWD));
        try (TagConnection conn = reader.awaitTag(Duration.ZERO)) {
            assertThatThrownBy(() -> conn.write(5, new byte[4])).hasMessageContaining("password-protected");
            conn.pwdAuth(PWD);
            conn.write(20, new byte[] {1, 2, 3, 4});
        }
    }

    @Test
    void lockedTagIsReportedAsLocked() {
        EmulatorReader reader = reader(NtagType.NTAG213);
        try (TagConnection conn = reader.awaitTag(Duration.ZERO)) {
            conn.write(NtagType.PAGE_STATIC_LOCK, new byte[] {0, 0, (byte) 0xF0, 0}); // L4..L7
        }
        assertThatThrownBy(() -> write(reader, plain("https://example.com/t/42")))
                .isInstanceOfSatisfying(TagRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LOCKED))
                .hasMessageContaining("is locked: page 4");
    }

    @Test
    void dynamicLockBitsLockTheirPagesOnly() {
        EmulatorReader reader = reader(NtagType.NTAG216);
        try (TagConnection conn = reader.awaitTag(Duration.ZERO)) {
            conn.write(NtagType.NTAG216.dynamicLockPage(), new byte[] {0x02, 0, 0, 0}); // pages 32..47
            conn.write(31, new byte[] {9, 9, 9, 9});
            assertThatThrownBy(() -> conn.write(32, new byte[4])).hasMessageContaining("locked");
            assertThatThrownBy(() -> conn.write(47, new byte[4])).hasMessageContaining("locked");
            conn.write(48, new byte[] {9, 9, 9, 9});
            // lock bits are OTP: writing zeros does not clear them
            conn.write(NtagType.NTAG216.dynamicLockPage(), new byte[4]);
            assertThatThrownBy(() -> conn.write(40, new byte[4])).hasMessageContaining("locked");
        }
    }

    @Test
    void blockLockBitFreezesStaticLockBitsAndCcIsOneTimeProgrammable() {
        EmulatorReader reader = reader(NtagType.NTAG213);
        try (TagConnection conn = reader.awaitTag(Duration.ZERO)) {
            conn.write(NtagType.PAGE_STATIC_LOCK, new byte[] {0, 0, 0x02, 0}); // BL 9-4
            conn.write(NtagType.PAGE_STATIC_LOCK, new byte[] {0, 0, (byte) 0xF0, 0x03}); // L4..L9: blocked
            conn.write(5, new byte[4]);
            conn.write(NtagType.PAGE_CC, new byte[] {0, 0, 0, 0x0F});
            assertThat(HEX.formatHex(conn.read(3), 0, 4)).isEqualTo("E110120F");
            conn.write(NtagType.PAGE_CC, new byte[4]);
            assertThat(HEX.formatHex(conn.read(3), 0, 4)).as("OTP bits stay set").isEqualTo("E110120F");
            assertThatThrownBy(() -> conn.write(0, new byte[4])).hasMessageContaining("not writable");
        }
        assertThatThrownBy(() -> write(reader, plain("https://example.com/")))
                .isInstanceOfSatisfying(TagRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LOCKED))
                .hasMessageContaining("read-only");
    }

    @Test
    void mirrorReadsBackWithUidAndCounterSubstitutedAndCountsTaps() {
        EmulatorReader reader = reader(NtagType.NTAG213);
        WriteRequest request = new WriteRequest(StickerUrl.parse("https://example.com/t/abc").withMirror(MirrorMode.BOTH),
                true, Optional.empty(), new byte[2], false);
        write(reader, request);
        assertThat(readUri(reader)).isEqualTo("https://example.com/t/abc?m=04112233445566x000001");
        assertThat(readUri(reader)).isEqualTo("https://example.com/t/abc?m=04112233445566x000002");
        // what is stored is still the placeholder; the mirror is applied on READ
        assertThat(new String(flatten(reader.tag().memory()))).contains("m=00000000000000x000000");
    }

    @Test
    void uidOnlyAndCounterOnlyMirrors() {
        EmulatorReader uid = reader(NtagType.NTAG215);
        write(uid, new WriteRequest(StickerUrl.parse("https://example.com/t/u?x=1").withMirror(MirrorMode.UID), true,
                Optional.empty(), new byte[2], false));
        assertThat(readUri(uid)).isEqualTo("https://example.com/t/u?x=1&m=04112233445566");

        EmulatorReader counter = reader(NtagType.NTAG216);
        write(counter, new WriteRequest(StickerUrl.parse("https://example.com/t/c#frag").withMirror(MirrorMode.COUNTER),
                true, Optional.empty(), new byte[2], false));
        assertThat(readUri(counter)).isEqualTo("https://example.com/t/c?m=000001#frag");
        // rewriting without a mirror switches the old one off, so it cannot overlay the new URL
        write(counter, plain("https://example.com/t/plain-and-long-enough-to-cover-the-old-mirror"));
        assertThat(readUri(counter)).isEqualTo("https://example.com/t/plain-and-long-enough-to-cover-the-old-mirror");
    }

    @Test
    void verifyFailsWhenAWriteIsLost() {
        EmulatorReader reader = EmulatorReader.parse("ntag213,lost-write=6");
        assertThatThrownBy(() -> write(reader, plain("https://example.com/t/verify-me")))
                .isInstanceOf(VerifyFailedException.class).hasMessageContaining("page 6");
    }

    @Test
    void permanentLockMakesTheTagReadOnlyForever() {
        EmulatorReader reader = reader(NtagType.NTAG213);
        WriteResult result = write(reader, new WriteRequest(StickerUrl.parse("https://example.com/t/forever"), false,
                Optional.empty(), new byte[2], true));
        assertThat(result.permanentlyLocked()).isTrue();
        assertThat(result.verified()).as("always verified before locking").isTrue();
        assertThat(readUri(reader)).isEqualTo("https://example.com/t/forever");
        try (TagConnection conn = reader.awaitTag(Duration.ZERO)) {
            for (int page = 3; page <= NtagType.NTAG213.lastUserPage(); page++) {
                int p = page;
                assertThatThrownBy(() -> conn.write(p, new byte[4])).as("page " + p).hasMessageContaining("NAK");
            }
            assertThatThrownBy(() -> conn.write(NtagType.NTAG213.cfg0Page(), new byte[4])).hasMessageContaining("CFGLCK");
        }
        assertThatThrownBy(() -> write(reader, plain("https://example.com/t/other")))
                .isInstanceOfSatisfying(TagRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LOCKED));
    }

    @Test
    void readProtectedTagHidesItsMemoryUntilAuthenticated() {
        EmulatorReader reader = reader(NtagType.NTAG213);
        write(reader, withPassword("https://example.com/t/1", PWD));
        try (TagConnection conn = reader.awaitTag(Duration.ZERO)) {
            conn.pwdAuth(PWD);
            conn.write(NtagType.NTAG213.cfg1Page(), new byte[] {(byte) 0x80, 0, 0, 0}); // PROT: read protection
        }
        try (TagConnection conn = reader.awaitTag(Duration.ZERO)) {
            assertThatThrownBy(() -> conn.read(4)).hasMessageContaining("PWD_AUTH");
            assertThat(HEX.formatHex(conn.read(2), 4, 8)).as("roll-over at AUTH0").isEqualTo("E1101200");
        }
        try (TagConnection conn = reader.awaitTag(Duration.ZERO)) {
            Ntag21x tag = Ntag21x.detect(conn);
            tag.authenticate(PWD, Optional.of(PACK));
            assertThat(tag.readNdef().orElseThrow().records()).extracting(NdefRecord::uriValue)
                    .containsExactly("https://example.com/t/1");
            assertThat(conn.read(NtagType.NTAG213.pwdPage() - 2)).as("PWD/PACK read as zeros")
                    .endsWith(new byte[8]);
        }
    }

    static byte[] flatten(byte[][] pages) {
        byte[] out = new byte[pages.length * 4];
        for (int i = 0; i < pages.length; i++) {
            System.arraycopy(pages[i], 0, out, i * 4, 4);
        }
        return out;
    }

    static TagConnection recording(TagConnection inner, List<String> writes) {
        return new TagConnection() {
            public byte[] uid() { return inner.uid(); }
            public byte[] read(int page) { return inner.read(page); }
            public void write(int page, byte[] data) {
                writes.add(page + ":" + HEX.formatHex(data));
                inner.write(page, data);
            }
            public boolean supportsRawCommands() { return inner.supportsRawCommands(); }
            public byte[] getVersion() { return inner.getVersion(); }
            public byte[] pwdAuth(byte[] password) { return inner.pwdAuth(password); }
            public int readCounter() { return inner.readCounter(); }
            public String readerName() { return inner.readerName(); }
            public void close() { inner.close(); }
        };
    }
}
