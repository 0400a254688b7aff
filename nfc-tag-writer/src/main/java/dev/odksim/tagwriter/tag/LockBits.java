package dev.odksim.tagwriter.tag;

/**
 * The static (page 2) and dynamic lock bytes of an NTAG21x and which pages they make read-only.
 * Shared by the writer (to report a locked tag before trying) and the emulator (to NAK writes), so
 * both read the datasheet the same way. Lock and block-lock bits are one-time programmable.
 */
public record LockBits(NtagType type, byte[] staticPage, byte[] dynamicPage) {

    /** True when a WRITE to this page is refused because of a lock bit (not counting AUTH0). */
    public boolean isPageLocked(int page) {
        int lock0 = staticPage[NtagType.STATIC_LOCK_BYTE0] & 0xFF;
        int lock1 = staticPage[NtagType.STATIC_LOCK_BYTE1] & 0xFF;
        if (page < NtagType.PAGE_STATIC_LOCK) {
            return true; // UID pages are factory-locked
        }
        if (page == NtagType.PAGE_CC) {
            return (lock0 & 0x08) != 0;
        }
        if (page >= NtagType.FIRST_USER_PAGE && page <= 7) {
            return (lock0 & (1 << (page - 4 + 4))) != 0;
        }
        if (page >= 8 && page <= 15) {
            return (lock1 & (1 << (page - 8))) != 0;
        }
        if (page >= NtagType.FIRST_DYNAMIC_LOCK_PAGE && page <= type.lastUserPage()) {
            int bit = (page - NtagType.FIRST_DYNAMIC_LOCK_PAGE) / type.pagesPerDynamicLockBit();
            return (dynamicPage[bit / 8] & (1 << (bit % 8))) != 0;
        }
        return false;
    }

    /** True when the tag carries any lock bit at all (the sticker was locked by someone). */
    public boolean anyLocked() {
        return (staticPage[2] & 0xF8) != 0 || staticPage[3] != 0 || dynamicPage[0] != 0 || dynamicPage[1] != 0;
    }

    /**
     * The new static lock bytes after a WRITE of {@code data} to page 2: bits are OR-ed in, except
     * those blocked by a block-lock bit (BL-CC, BL 9-4, BL 15-10).
     */
    public static byte[] applyStaticWrite(byte[] current, byte[] data) {
        int lock0 = current[2] & 0xFF;
        int lock1 = current[3] & 0xFF;
        int new0 = data[2] & 0xFF;
        int new1 = data[3] & 0xFF;
        if ((lock0 & 0x01) != 0) {
            new0 &= ~0x09; // BL-CC blocks L-CC and itself
        }
        if ((lock0 & 0x02) != 0) {
            new0 &= ~0xF2; // BL 9-4 blocks L4..L7 (and itself)
            new1 &= ~0x03; // … and L8, L9
        }
        if ((lock0 & 0x04) != 0) {
            new0 &= ~0x04;
            new1 &= ~0xFC; // BL 15-10 blocks L10..L15
        }
        byte[] out = current.clone();
        out[2] = (byte) (lock0 | new0);
        out[3] = (byte) (lock1 | new1);
        return out;
    }

    /** The new dynamic lock bytes after a WRITE: OR-ed, block-lock bits in byte 2 freeze groups of lock bits. */
    public static byte[] applyDynamicWrite(NtagType type, byte[] current, byte[] data) {
        int block = current[2] & 0xFF;
        int span = type.lockBitsPerBlockBit();
        byte[] out = current.clone();
        for (int bit = 0; bit < 16; bit++) {
            boolean blocked = (block & (1 << (bit / span))) != 0;
            if (!blocked && (data[bit / 8] & (1 << (bit % 8))) != 0) {
                out[bit / 8] |= (byte) (1 << (bit % 8));
            }
        }
        out[2] = (byte) (block | (data[2] & 0xFF));
        out[3] = (byte) NtagType.DYNAMIC_LOCK_RFUI;
        return out;
    }
}
