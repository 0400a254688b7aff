package dev.odksim.tagwriter.tag;

import static dev.odksim.tagwriter.tag.NtagType.*;

import dev.odksim.tagwriter.ndef.NdefFormatException;
import dev.odksim.tagwriter.ndef.NdefMessage;
import dev.odksim.tagwriter.ndef.Type2Tlv;
import dev.odksim.tagwriter.tag.TagRefusedException.Reason;
import dev.odksim.tagwriter.transport.TagCommandException;
import dev.odksim.tagwriter.transport.TagConnection;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An NTAG213/215/216 in the field, seen from the writer (the role of nfcpy's {@code tt2_nxp.py}):
 * detection, reading the NDEF area, the crash-tolerant NDEF write, read-back verification and the
 * configuration pages (mirror, password, permanent lock).
 */
public final class Ntag21x {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final TagConnection conn;
    private final NtagType type;
    private boolean authenticated;

    private Ntag21x(TagConnection conn, NtagType type) {
        this.conn = conn;
        this.type = type;
    }

    /** Identifies the tag by GET_VERSION where the reader can send it, else by its capability container. */
    public static Ntag21x detect(TagConnection conn) {
        Optional<NtagType> type = Optional.empty();
        String version = "n/a";
        if (conn.supportsRawCommands()) {
            try {
                byte[] v = conn.getVersion();
                version = HEX.formatHex(v);
                type = NtagType.fromVersion(v);
            } catch (TagCommandException e) {
                version = e.getMessage();
            }
        }
        byte[] cc = null;
        if (type.isEmpty()) {
            cc = Arrays.copyOfRange(conn.read(0), 12, 16);
            type = NtagType.fromCapabilityContainer(cc);
        }
        if (type.isEmpty()) {
            throw new TagRefusedException(Reason.UNSUPPORTED, "tag is not an NTAG213/215/216 (GET_VERSION " + version
                    + ", CC " + (cc == null ? "n/a" : HEX.formatHex(cc)) + ")");
        }
        return new Ntag21x(conn, type.get());
    }

    public NtagType type() {
        return type;
    }

    public byte[] uid() {
        return conn.uid();
    }

    public String uidHex() {
        return HEX.formatHex(conn.uid());
    }

    /** Reads {@code count} pages from {@code first}, four at a time. */
    public byte[] readPages(int first, int count) {
        byte[] out = new byte[count * PAGE_SIZE];
        for (int page = first; page < first + count; page += 4) {
            byte[] chunk = conn.read(page);
            int n = Math.min(16, (first + count - page) * PAGE_SIZE);
            System.arraycopy(chunk, 0, out, (page - first) * PAGE_SIZE, n);
        }
        return out;
    }

    public byte[] capabilityContainer() {
        return Arrays.copyOf(conn.read(PAGE_CC), 4);
    }

    public LockBits lockBits() {
        byte[] stat = Arrays.copyOf(conn.read(PAGE_STATIC_LOCK), 4);
        byte[] dyn = Arrays.copyOf(conn.read(type.dynamicLockPage()), 4);
        return new LockBits(type, stat, dyn);
    }

    /** CFG0 and CFG1, or empty when they are read-protected (PROT=1) and we are not authenticated. */
    public Optional<TagConfig> readConfig() {
        try {
            byte[] b = conn.read(type.cfg0Page());
            return Optional.of(new TagConfig(Arrays.copyOfRange(b, 0, 4), Arrays.copyOfRange(b, 4, 8)));
        } catch (TagCommandException e) {
            return Optional.empty();
        }
    }

    /** True when writing needs the password (or the configuration is hidden by read protection). */
    public boolean needsPassword() {
        return !authenticated && readConfig().map(c -> c.isProtected(type)).orElse(true);
    }

    public void authenticate(byte[] password, Optional<byte[]> expectedPack) {
        requireRawCommands("PWD_AUTH");
        byte[] pack;
        try {
            pack = conn.pwdAuth(password);
        } catch (TagCommandException e) {
            throw new TagRefusedException(Reason.AUTH, "wrong password for tag " + uidHex()
                    + " (PWD_AUTH refused)");
        }
        if (expectedPack.isPresent() && !Arrays.equals(Arrays.copyOf(pack, 2), expectedPack.get())) {
            throw new TagRefusedException(Reason.AUTH, "tag " + uidHex() + " answered PACK " + HEX.formatHex(pack)
                    + ", expected " + HEX.formatHex(expectedPack.get()) + ": not the tag the password was set on");
        }
        authenticated = true;
    }

    public void requireRawCommands(String what) {
        if (!conn.supportsRawCommands()) {
            throw new TagRefusedException(Reason.UNSUPPORTED, "reader " + conn.readerName() + " cannot send " + what
                    + " to the tag; use an ACR122U-compatible reader");
        }
    }

    public int readCounter() {
        return conn.readCounter();
    }

    /** The NDEF message on the tag; empty if the tag is not NDEF-formatted or holds no message. */
    public Optional<NdefMessage> readNdef() {
        byte[] cc = capabilityContainer();
        if ((cc[0] & 0xFF) != CC_MAGIC) {
            return Optional.empty();
        }
        byte[] area = readPages(FIRST_USER_PAGE, type.userPages());
        return Type2Tlv.findNdefMessage(area).map(NdefMessage::decode);
    }

    /** Refuses (before anything is written) a TLV block that does not fit the user memory. */
    public void checkFits(byte[] tlvWithTerminator) {
        int needed = tlvWithTerminator.length - 1; // the terminator may be left out when the message fills the tag
        if (needed > type.userBytes()) {
            throw new TagRefusedException(Reason.TOO_SMALL, "message needs " + needed + " bytes but " + type
                    + " has " + type.userBytes() + " bytes of user memory (" + (needed - type.userBytes())
                    + " bytes too many)");
        }
    }

    /**
     * Writes an NDEF TLV block from page 4 in the crash-tolerant order: the first page with the
     * NDEF length set to 0, then the rest, then the first page with the real length. A tag pulled
     * away half-way reads as empty, never as a cut-off URL.
     */
    public void writeNdefTlv(byte[] tlvWithTerminator) {
        checkFits(tlvWithTerminator);
        byte[] tlv = tlvWithTerminator.length - 1 == type.userBytes()
                ? Arrays.copyOf(tlvWithTerminator, tlvWithTerminator.length - 1) : tlvWithTerminator;
        int pageCount = (tlv.length + PAGE_SIZE - 1) / PAGE_SIZE;
        byte[] padded = Arrays.copyOf(tlv, pageCount * PAGE_SIZE);
        ensureWritable(FIRST_USER_PAGE, pageCount);
        prepareCapabilityContainer();

        byte[] staged = padded.clone();
        boolean longLength = (padded[1] & 0xFF) == 0xFF;
        if (longLength) {
            staged[2] = 0;
            staged[3] = 0;
        } else {
            staged[1] = 0;
        }
        writePage(FIRST_USER_PAGE, Arrays.copyOfRange(staged, 0, 4));
        for (int i = 1; i < pageCount; i++) {
            writePage(FIRST_USER_PAGE + i, Arrays.copyOfRange(padded, i * 4, i * 4 + 4));
        }
        writePage(FIRST_USER_PAGE, Arrays.copyOfRange(padded, 0, 4));
    }

    /**
     * Reads the area back and compares it with what was written. Bytes {@code [mirrorAt,
     * mirrorAt+mirror.length)} of the TLV are where the tag mirrors UID/counter: they must match the
     * mirror's form rather than the placeholder.
     */
    public void verifyNdefTlv(byte[] tlvWithTerminator, Optional<MirrorMode> mirror, int mirrorAt) {
        byte[] expected = tlvWithTerminator.length - 1 == type.userBytes()
                ? Arrays.copyOf(tlvWithTerminator, tlvWithTerminator.length - 1) : tlvWithTerminator;
        int pages = (expected.length + PAGE_SIZE - 1) / PAGE_SIZE;
        byte[] actual = readPages(FIRST_USER_PAGE, pages);
        int mirrorEnd = mirror.map(m -> mirrorAt + m.length()).orElse(-1);
        for (int i = 0; i < expected.length; i++) {
            boolean inMirror = i >= mirrorAt && i < mirrorEnd;
            if (!inMirror && expected[i] != actual[i]) {
                int page = FIRST_USER_PAGE + i / PAGE_SIZE;
                int pageStart = i - i % PAGE_SIZE;
                // the last page was written zero-padded (writeNdefTlv): show it as written
                byte[] written = Arrays.copyOf(expected, pages * PAGE_SIZE);
                throw new VerifyFailedException("read-back differs at page " + page + " byte " + (i % PAGE_SIZE)
                        + ": wrote " + HEX.formatHex(written, pageStart, pageStart + PAGE_SIZE)
                        + ", read " + HEX.formatHex(actual, pageStart, pageStart + PAGE_SIZE));
            }
        }
        if (mirror.isPresent()) {
            String seen = new String(actual, mirrorAt, mirror.get().length(), StandardCharsets.US_ASCII);
            if (!seen.matches(mirror.get().expectedPattern(uidHex()))) {
                throw new VerifyFailedException("mirror reads '" + seen + "', expected the "
                        + mirror.get().name().toLowerCase() + " mirror of UID " + uidHex());
            }
        }
        try {
            Type2Tlv.findNdefMessage(readPages(FIRST_USER_PAGE, type.userPages())).map(NdefMessage::decode)
                    .orElseThrow(() -> new VerifyFailedException("no NDEF message found when reading back"));
        } catch (NdefFormatException e) {
            throw new VerifyFailedException("read-back is not a well-formed NDEF message: " + e.getMessage());
        }
    }

    /** Sets (or clears) the ASCII mirror at a byte offset of the TLV block from page 4. */
    public void configureMirror(Optional<MirrorMode> mode, int offsetFromPage4) {
        TagConfig current = requireConfig();
        int abs = FIRST_USER_PAGE * PAGE_SIZE + offsetFromPage4;
        TagConfig next = current.withMirror(mode, abs / PAGE_SIZE, abs % PAGE_SIZE);
        writeConfig(current, next);
    }

    /**
     * Password-protects writes from page 4 on. PWD and PACK go first and AUTH0 last, so a tag
     * pulled away early is never protected by a password that was not fully written.
     */
    public void protect(byte[] password, byte[] pack) {
        TagConfig current = requireConfig();
        writePage(type.pwdPage(), password);
        writePage(type.packPage(), new byte[] {pack[0], pack[1], 0, 0});
        TagConfig next = current.withAccess(current.access() & ~ACCESS_PROT).withAuth0(FIRST_USER_PAGE);
        writeConfig(current, next);
    }

    /** Removes password protection (AUTH0 first, then the password back to its factory value). */
    public void unprotect() {
        TagConfig current = requireConfig();
        writeConfig(current, current.withAuth0(AUTH0_DISABLED).withAccess(current.access() & ~ACCESS_PROT));
        writePage(type.pwdPage(), DEFAULT_PWD);
        writePage(type.packPage(), DEFAULT_PACK);
    }

    /**
     * Makes the tag read-only forever: CC write access 0x0F, dynamic lock bits, CFGLCK, then the
     * static lock bits last (they also freeze the CC page).
     */
    public void lockPermanently() {
        byte[] cc = capabilityContainer();
        writePage(PAGE_CC, new byte[] {cc[0], cc[1], cc[2], (byte) CC_ACCESS_READ_ONLY});
        int lockBits = (type.lastUserPage() - FIRST_DYNAMIC_LOCK_PAGE + type.pagesPerDynamicLockBit())
                / type.pagesPerDynamicLockBit();
        int blockBits = (lockBits + type.lockBitsPerBlockBit() - 1) / type.lockBitsPerBlockBit();
        int bits = (1 << lockBits) - 1;
        writePage(type.dynamicLockPage(), new byte[] {(byte) bits, (byte) (bits >>> 8),
                (byte) ((1 << blockBits) - 1), (byte) DYNAMIC_LOCK_RFUI});
        TagConfig current = requireConfig();
        writeConfig(current, current.withAccess(current.access() | ACCESS_CFGLCK));
        byte[] page2 = Arrays.copyOf(conn.read(PAGE_STATIC_LOCK), 4);
        writePage(PAGE_STATIC_LOCK, new byte[] {page2[0], page2[1], (byte) 0xFF, (byte) 0xFF});
    }

    /** Writes one page of user memory (used by erase); lock bits and AUTH0 apply. */
    public void writeUserPage(int page, byte[] data) {
        if (page < FIRST_USER_PAGE || page > type.lastUserPage()) {
            throw new IllegalArgumentException("page " + page + " is not user memory of " + type);
        }
        writePage(page, data);
    }

    /** Blank tags (CC all zero) get this type's CC; a read-only CC refuses the write. */
    private void prepareCapabilityContainer() {
        byte[] cc = capabilityContainer();
        if (Arrays.equals(cc, new byte[4])) {
            writePage(PAGE_CC, type.capabilityContainer());
        } else if ((cc[0] & 0xFF) != CC_MAGIC) {
            throw new TagRefusedException(Reason.UNSUPPORTED, "capability container " + HEX.formatHex(cc)
                    + " is not NDEF (E1 ..); the tag was formatted for something else");
        } else if ((cc[3] & 0x0F) != CC_ACCESS_READ_WRITE) {
            throw new TagRefusedException(Reason.LOCKED, "tag " + uidHex() + " is locked: its capability container"
                    + " marks it read-only (" + HEX.formatHex(cc) + ")");
        }
    }

    private void ensureWritable(int first, int count) {
        LockBits locks = lockBits();
        for (int p = first; p < first + count; p++) {
            if (locks.isPageLocked(p)) {
                throw new TagRefusedException(Reason.LOCKED, "tag " + uidHex() + " is locked: page " + p
                        + " is permanently read-only (lock bits set)");
            }
        }
        if (needsPassword()) {
            throw new TagRefusedException(Reason.AUTH, "tag " + uidHex() + " is password-protected; give --password");
        }
    }

    private TagConfig requireConfig() {
        return readConfig().orElseThrow(() -> new TagRefusedException(Reason.AUTH,
                "configuration of tag " + uidHex() + " is read-protected; give --password"));
    }

    /** CFG1 (ACCESS) before CFG0, whose AUTH0 byte switches protection on: AUTH0 is always written last. */
    private void writeConfig(TagConfig current, TagConfig next) {
        if (current.configLocked()) {
            if (Arrays.equals(current.cfg0(), next.cfg0()) && Arrays.equals(current.cfg1(), next.cfg1())) {
                return;
            }
            throw new TagRefusedException(Reason.LOCKED, "configuration of tag " + uidHex()
                    + " is permanently locked (CFGLCK)");
        }
        boolean enabling = next.auth0() < current.auth0();
        if (enabling) {
            if (!Arrays.equals(current.cfg1(), next.cfg1())) {
                writePage(type.cfg1Page(), next.cfg1());
            }
            writePage(type.cfg0Page(), next.cfg0());
        } else {
            if (!Arrays.equals(current.cfg0(), next.cfg0())) {
                writePage(type.cfg0Page(), next.cfg0());
            }
            if (!Arrays.equals(current.cfg1(), next.cfg1())) {
                writePage(type.cfg1Page(), next.cfg1());
            }
        }
    }

    private void writePage(int page, byte[] data) {
        try {
            conn.write(page, data);
        } catch (TagCommandException e) {
            if (e.nak() == TagCommandException.READER_ERROR) {
                throw e;
            }
            throw new TagRefusedException(needsPasswordQuietly() ? Reason.AUTH : Reason.LOCKED,
                    "tag " + uidHex() + " refused a write to page " + page + " (" + e.getMessage() + ")");
        }
    }

    private boolean needsPasswordQuietly() {
        try {
            return needsPassword();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
