package dev.odksim.tagwriter.tag;

import java.util.Arrays;
import java.util.Optional;

/**
 * The memory layout of the NXP NTAG213/215/216 (datasheet NTAG213_215_216, rev. 3.2), as named
 * constants in the manner of nfcpy's {@code tt2_nxp.py}. Pages are 4 bytes; user memory starts at
 * page 4 and is followed by the dynamic lock page and the four configuration pages.
 */
public enum NtagType {
    //      storage-size byte of GET_VERSION, pages, CC size byte, pages per dynamic lock bit, lock bits per block bit
    NTAG213(0x0F, 45, 0x12, 2, 8),
    NTAG215(0x11, 135, 0x3E, 16, 2),
    NTAG216(0x13, 231, 0x6D, 16, 2);

    public static final int PAGE_SIZE = 4;
    /** UID0..2 + BCC0. */
    public static final int PAGE_UID0 = 0;
    /** UID3..6. */
    public static final int PAGE_UID1 = 1;
    /** BCC1, internal, static lock byte 0, static lock byte 1. */
    public static final int PAGE_STATIC_LOCK = 2;
    public static final int STATIC_LOCK_BYTE0 = 2;
    public static final int STATIC_LOCK_BYTE1 = 3;
    /** Capability container (one-time programmable). */
    public static final int PAGE_CC = 3;
    public static final int FIRST_USER_PAGE = 4;
    /** First page covered by the dynamic lock bits. */
    public static final int FIRST_DYNAMIC_LOCK_PAGE = 16;

    /** CC: NDEF magic number, mapping version 1.0, read/write access bytes. */
    public static final int CC_MAGIC = 0xE1;
    public static final int CC_VERSION_1_0 = 0x10;
    public static final int CC_ACCESS_READ_WRITE = 0x00;
    public static final int CC_ACCESS_READ_ONLY = 0x0F;

    /** CFG0 byte positions. */
    public static final int CFG0_MIRROR = 0;
    public static final int CFG0_MIRROR_PAGE = 2;
    public static final int CFG0_AUTH0 = 3;
    /** CFG1 byte positions. */
    public static final int CFG1_ACCESS = 0;

    /** MIRROR byte fields. */
    public static final int MIRROR_CONF_SHIFT = 6;
    public static final int MIRROR_BYTE_SHIFT = 4;
    public static final int MIRROR_STRG_MOD_EN = 0x04;
    /** ACCESS byte fields. */
    public static final int ACCESS_PROT = 0x80;
    public static final int ACCESS_CFGLCK = 0x40;
    public static final int ACCESS_NFC_CNT_EN = 0x10;
    public static final int ACCESS_NFC_CNT_PWD_PROT = 0x08;
    public static final int ACCESS_AUTHLIM = 0x07;
    /** AUTH0 value that disables password protection. */
    public static final int AUTH0_DISABLED = 0xFF;

    /** Factory contents of the configuration pages. */
    public static final byte[] DEFAULT_CFG0 = {0x04, 0x00, 0x00, (byte) 0xFF};
    public static final byte[] DEFAULT_CFG1 = {0x00, 0x00, 0x00, 0x00};
    public static final byte[] DEFAULT_PWD = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    public static final byte[] DEFAULT_PACK = {0x00, 0x00, 0x00, 0x00};
    /** Byte 3 of the dynamic lock page reads as RFUI 0xBD. */
    public static final int DYNAMIC_LOCK_RFUI = 0xBD;

    /** GET_VERSION answer: NXP, NTAG, 50 pF, major 1, minor 0, storage size, ISO 14443-3. */
    private static final byte[] VERSION_PREFIX = {0x00, 0x04, 0x04, 0x02, 0x01, 0x00};
    public static final int VERSION_PROTOCOL = 0x03;

    private final int storageSize;
    private final int totalPages;
    private final int ccSize;
    private final int pagesPerDynamicLockBit;
    private final int lockBitsPerBlockBit;

    NtagType(int storageSize, int totalPages, int ccSize, int pagesPerDynamicLockBit, int lockBitsPerBlockBit) {
        this.storageSize = storageSize;
        this.totalPages = totalPages;
        this.ccSize = ccSize;
        this.pagesPerDynamicLockBit = pagesPerDynamicLockBit;
        this.lockBitsPerBlockBit = lockBitsPerBlockBit;
    }

    public int totalPages() {
        return totalPages;
    }

    public int lastUserPage() {
        return totalPages - 6;
    }

    public int userPages() {
        return lastUserPage() - FIRST_USER_PAGE + 1;
    }

    /** User memory in bytes: 144, 504 or 888. */
    public int userBytes() {
        return userPages() * PAGE_SIZE;
    }

    public int dynamicLockPage() {
        return lastUserPage() + 1;
    }

    public int cfg0Page() {
        return lastUserPage() + 2;
    }

    public int cfg1Page() {
        return lastUserPage() + 3;
    }

    public int pwdPage() {
        return lastUserPage() + 4;
    }

    public int packPage() {
        return lastUserPage() + 5;
    }

    public int pagesPerDynamicLockBit() {
        return pagesPerDynamicLockBit;
    }

    public int lockBitsPerBlockBit() {
        return lockBitsPerBlockBit;
    }

    /** The capability container a blank tag of this type gets: E1 10 size 00. */
    public byte[] capabilityContainer() {
        return new byte[] {(byte) CC_MAGIC, CC_VERSION_1_0, (byte) ccSize, CC_ACCESS_READ_WRITE};
    }

    public byte[] versionBytes() {
        byte[] v = Arrays.copyOf(VERSION_PREFIX, 8);
        v[6] = (byte) storageSize;
        v[7] = VERSION_PROTOCOL;
        return v;
    }

    public String displayName() {
        return name();
    }

    /** Parses "ntag213" etc. (case-insensitive). */
    public static Optional<NtagType> parse(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Identifies the type from a GET_VERSION answer. */
    public static Optional<NtagType> fromVersion(byte[] version) {
        if (version == null || version.length < 8) {
            return Optional.empty();
        }
        return Arrays.stream(values())
                .filter(t -> Arrays.equals(Arrays.copyOf(version, 6), VERSION_PREFIX)
                        && (version[6] & 0xFF) == t.storageSize)
                .findFirst();
    }

    /** Identifies the type from the data area size byte of a capability container. */
    public static Optional<NtagType> fromCapabilityContainer(byte[] cc) {
        if (cc == null || cc.length < 4 || (cc[0] & 0xFF) != CC_MAGIC) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(t -> (cc[2] & 0xFF) == t.ccSize).findFirst();
    }
}
