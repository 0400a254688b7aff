package dev.odksim.tagwriter.emulator;

import static dev.odksim.tagwriter.tag.NtagType.*;

import dev.odksim.tagwriter.tag.LockBits;
import dev.odksim.tagwriter.tag.NtagType;
import dev.odksim.tagwriter.transport.TagCommandException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The chip side of an NTAG213/215/216 in memory, faithful to the datasheet where the writer relies
 * on it: READ roll-over, WRITE NAKs for UID, locked, OTP and password-protected pages, lock-bit and
 * CC one-time-programmable OR semantics, CFGLCK, PWD/PACK reading as zeros, PWD_AUTH, the NFC
 * counter (incremented by the first READ of each power-up, i.e. per tap) and the UID/counter ASCII
 * mirror applied on READ.
 */
public final class EmulatedNtag {

    private final NtagType type;
    private final byte[][] pages;
    private int counter;
    private boolean authenticated;
    private boolean readSinceActivation;
    /** Fault injection for tests of the verify path: writes to this page are ACKed but not stored. */
    private int lostWritePage = -1;

    public EmulatedNtag(NtagType type, byte[][] pages, int counter) {
        if (pages.length != type.totalPages()) {
            throw new IllegalArgumentException(type + " has " + type.totalPages() + " pages, got " + pages.length);
        }
        this.type = type;
        this.pages = new byte[pages.length][];
        for (int i = 0; i < pages.length; i++) {
            if (pages[i].length != PAGE_SIZE) {
                throw new IllegalArgumentException("page " + i + " must have 4 bytes");
            }
            this.pages[i] = pages[i].clone();
        }
        this.counter = counter;
    }

    /** A factory-fresh tag as NXP ships it: CC programmed, empty NDEF TLV, default configuration. */
    public static EmulatedNtag factoryNew(NtagType type, byte[] uid) {
        if (uid.length != 7) {
            throw new IllegalArgumentException("NTAG UIDs have 7 bytes");
        }
        byte[][] p = new byte[type.totalPages()][PAGE_SIZE];
        int bcc0 = 0x88 ^ uid[0] ^ uid[1] ^ uid[2];
        int bcc1 = uid[3] ^ uid[4] ^ uid[5] ^ uid[6];
        p[0] = new byte[] {uid[0], uid[1], uid[2], (byte) bcc0};
        p[1] = new byte[] {uid[3], uid[4], uid[5], uid[6]};
        p[2] = new byte[] {(byte) bcc1, 0x48, 0x00, 0x00};
        p[3] = type.capabilityContainer();
        p[4] = new byte[] {0x03, 0x00, (byte) 0xFE, 0x00};
        p[type.dynamicLockPage()] = new byte[] {0, 0, 0, (byte) DYNAMIC_LOCK_RFUI};
        p[type.cfg0Page()] = DEFAULT_CFG0.clone();
        p[type.cfg1Page()] = DEFAULT_CFG1.clone();
        p[type.pwdPage()] = DEFAULT_PWD.clone();
        p[type.packPage()] = DEFAULT_PACK.clone();
        return new EmulatedNtag(type, p, 0);
    }

    /** A random NXP UID (manufacturer byte 0x04). */
    public static byte[] randomUid() {
        byte[] uid = new byte[7];
        new SecureRandom().nextBytes(uid);
        uid[0] = 0x04;
        return uid;
    }

    public NtagType type() {
        return type;
    }

    public int counter() {
        return counter;
    }

    /** A copy of the raw memory (what the file stores, including PWD/PACK). */
    public byte[][] memory() {
        byte[][] copy = new byte[pages.length][];
        for (int i = 0; i < pages.length; i++) {
            copy[i] = pages[i].clone();
        }
        return copy;
    }

    void loseWritesTo(int page) {
        this.lostWritePage = page;
    }

    /** Power-up in a reader's field: a new tap. Authentication is lost; the counter may count. */
    public void activate() {
        authenticated = false;
        readSinceActivation = false;
    }

    public byte[] uid() {
        byte[] uid = new byte[7];
        System.arraycopy(pages[0], 0, uid, 0, 3);
        System.arraycopy(pages[1], 0, uid, 3, 4);
        return uid;
    }

    public byte[] getVersion() {
        return type.versionBytes();
    }

    public byte[] read(int page) {
        if (page < 0 || page >= type.totalPages()) {
            throw nak(TagCommandException.NAK_INVALID_ARGUMENT, "READ of page " + page + " beyond the end");
        }
        if (isReadProtected(page)) {
            throw nak(TagCommandException.NAK_INVALID_ARGUMENT, "READ of page " + page + " needs PWD_AUTH");
        }
        if (!readSinceActivation) {
            readSinceActivation = true;
            if ((access() & ACCESS_NFC_CNT_EN) != 0 && counter < 0xFFFFFF) {
                counter++;
            }
        }
        byte[] view = mirroredView();
        byte[] out = new byte[16];
        int p = page;
        for (int i = 0; i < 4; i++) {
            // Roll-over at the end of memory, and at AUTH0 when the rest is read-protected.
            if (p >= type.totalPages() || isReadProtected(p)) {
                p = 0;
            }
            byte[] content = p == type.pwdPage() || p == type.packPage() ? new byte[4]
                    : Arrays.copyOfRange(view, p * 4, p * 4 + 4);
            System.arraycopy(content, 0, out, i * 4, 4);
            p++;
        }
        return out;
    }

    public void write(int page, byte[] data) {
        if (data.length != 4) {
            throw nak(TagCommandException.NAK_INVALID_ARGUMENT, "WRITE needs 4 bytes");
        }
        if (page < PAGE_STATIC_LOCK || page >= type.totalPages()) {
            throw nak(TagCommandException.NAK_INVALID_ARGUMENT, "page " + page + " is not writable");
        }
        if (isWriteProtected(page)) {
            throw nak(TagCommandException.NAK_INVALID_ARGUMENT, "page " + page + " is password-protected");
        }
        LockBits locks = lockBits();
        if (locks.isPageLocked(page)) {
            throw nak(TagCommandException.NAK_INVALID_ARGUMENT, "page " + page + " is locked");
        }
        if ((page == type.cfg0Page() || page == type.cfg1Page()) && (access() & ACCESS_CFGLCK) != 0) {
            throw nak(TagCommandException.NAK_INVALID_ARGUMENT, "configuration is locked (CFGLCK)");
        }
        if (page == lostWritePage) {
            return;
        }
        if (page == PAGE_STATIC_LOCK) {
            pages[page] = LockBits.applyStaticWrite(pages[page], data);
        } else if (page == PAGE_CC) {
            for (int i = 0; i < 4; i++) {
                pages[page][i] |= data[i]; // OTP: bits can only be set
            }
        } else if (page == type.dynamicLockPage()) {
            pages[page] = LockBits.applyDynamicWrite(type, pages[page], data);
        } else {
            pages[page] = data.clone();
        }
    }

    public byte[] pwdAuth(byte[] password) {
        if (!Arrays.equals(password, pages[type.pwdPage()])) {
            authenticated = false;
            throw nak(TagCommandException.NAK_INVALID_ARGUMENT, "PWD_AUTH: wrong password");
        }
        authenticated = true;
        return Arrays.copyOf(pages[type.packPage()], 2);
    }

    public int readCounter() {
        if ((access() & ACCESS_NFC_CNT_PWD_PROT) != 0 && !authenticated && auth0() < type.totalPages()) {
            throw nak(TagCommandException.NAK_INVALID_ARGUMENT, "READ_CNT needs PWD_AUTH");
        }
        return counter;
    }

    private int access() {
        return pages[type.cfg1Page()][CFG1_ACCESS] & 0xFF;
    }

    private int auth0() {
        return pages[type.cfg0Page()][CFG0_AUTH0] & 0xFF;
    }

    private boolean isWriteProtected(int page) {
        return !authenticated && page >= auth0();
    }

    private boolean isReadProtected(int page) {
        return !authenticated && (access() & ACCESS_PROT) != 0 && page >= auth0();
    }

    private LockBits lockBits() {
        return new LockBits(type, pages[PAGE_STATIC_LOCK], pages[type.dynamicLockPage()]);
    }

    /** Memory as READ sees it: the mirror's ASCII overlaid on user memory. */
    private byte[] mirroredView() {
        byte[] view = new byte[type.totalPages() * 4];
        for (int i = 0; i < pages.length; i++) {
            System.arraycopy(pages[i], 0, view, i * 4, 4);
        }
        byte[] cfg0 = pages[type.cfg0Page()];
        int conf = (cfg0[CFG0_MIRROR] & 0xFF) >>> MIRROR_CONF_SHIFT;
        int mirrorByte = ((cfg0[CFG0_MIRROR] & 0xFF) >>> MIRROR_BYTE_SHIFT) & 0x03;
        int mirrorPage = cfg0[CFG0_MIRROR_PAGE] & 0xFF;
        if (conf == 0 || mirrorPage < FIRST_USER_PAGE) {
            return view;
        }
        String uidHex = HexFormat.of().withUpperCase().formatHex(uid());
        String counterHex = String.format("%06X", (access() & ACCESS_NFC_CNT_EN) != 0 ? counter : 0);
        String text = switch (conf) {
            case 1 -> uidHex;
            case 2 -> counterHex;
            default -> uidHex + "x" + counterHex;
        };
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        int start = mirrorPage * 4 + mirrorByte;
        int end = (type.lastUserPage() + 1) * 4;
        if (start + ascii.length <= end) {
            System.arraycopy(ascii, 0, view, start, ascii.length);
        }
        return view;
    }

    private static TagCommandException nak(int code, String message) {
        return new TagCommandException(code, "NAK: " + message);
    }
}
