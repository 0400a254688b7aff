package dev.odksim.tag;

import dev.odksim.tag.StickerVerdict.Refused;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The {@code ntag424-sun} trust mode (docs/design.md §5): NTAG 424 DNA Secure Unique NFC messages
 * {@code ?e=<32 hex encrypted PICC data>&c=<16 hex truncated CMAC>}, verified as in NXP AN12196: the PICC data is
 * AES-128-CBC (zero IV) under the meta-read key; the session MAC key is AES-CMAC(file-read key, SV2); the MAC is the
 * CMAC of the empty input under it, truncated to its odd-indexed bytes. AES-CMAC comes from Bouncy Castle.
 */
public final class Ntag424Sun {

    public static final String ENCRYPTED = "e";
    public static final String MAC = "c";
    /** PICCDataTag: UID mirrored (bit 7), SDMReadCtr mirrored (bit 6), UID length 7. */
    static final int PICC_DATA_TAG_UID_AND_COUNTER = 0xC7;
    private static final byte[] SV2_PREFIX = {0x3C, (byte) 0xC3, 0x00, 0x01, 0x00, (byte) 0x80};
    private static final Pattern E_FORM = Pattern.compile("[0-9A-Fa-f]{32}");
    private static final Pattern C_FORM = Pattern.compile("[0-9A-Fa-f]{16}");
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Ntag424Sun() {
    }

    /** What the chip put into the encrypted PICC data. */
    record PiccData(int tag, String uid, long counter) {
    }

    /**
     * @param metaReadKey the tag's SDM meta-read key (16 bytes)
     * @param fileReadKey the tag's SDM file-read key, from which the session MAC key is derived (16 bytes)
     * @param chipUid     the registered chip UID, or null when only the keys identify the tag
     * @param lastCounter the highest SDMReadCtr seen so far, or null
     */
    public static StickerVerdict check(StickerQuery query, byte[] metaReadKey, byte[] fileReadKey, String chipUid, Long lastCounter) {
        if (query.tooLong()) {
            return Refused.malformed("query", "is longer than " + StickerQuery.MAX_LENGTH + " characters");
        }
        String e = single(query, ENCRYPTED, E_FORM);
        if (e == null) {
            return Refused.malformed(ENCRYPTED, problemOf(query, ENCRYPTED, "32 hex digits (the 16-byte encrypted PICC data)"));
        }
        String c = single(query, MAC, C_FORM);
        if (c == null) {
            return Refused.malformed(MAC, problemOf(query, MAC, "16 hex digits (the 8-byte truncated CMAC)"));
        }
        PiccData picc = decrypt(metaReadKey, HEX.parseHex(e));
        if (picc.tag() != PICC_DATA_TAG_UID_AND_COUNTER) {
            return new Refused(ScanOutcome.BAD_MAC, ENCRYPTED, "The encrypted PICC data does not decrypt to a UID and tap counter"
                    + " (wrong meta-read key, an altered e, or the tag does not mirror UID and counter)", null, null);
        }
        byte[] expected = truncatedMac(sessionMacKey(fileReadKey, HEX.parseHex(picc.uid()), picc.counter()));
        if (!MessageDigest.isEqual(expected, HEX.parseHex(c))) {
            return new Refused(ScanOutcome.BAD_MAC, MAC, "The MAC does not verify with this sticker's key: the URL was altered"
                    + " or forged", picc.uid(), picc.counter());
        }
        if (chipUid != null && !chipUid.equals(picc.uid())) {
            return new Refused(ScanOutcome.CLONE, ENCRYPTED, "The verified chip UID (" + picc.uid() + ") is not the UID registered"
                    + " for this sticker: its keys are on another chip", picc.uid(), picc.counter());
        }
        return StickerVerdict.counterCheck(picc.uid(), picc.counter(), lastCounter, null);
    }

    /** AES-128-CBC, zero IV, no padding: the 16 bytes of PICC data (tag byte, UID, SDMReadCtr LSB first, padding). */
    static PiccData decrypt(byte[] metaReadKey, byte[] encrypted) {
        byte[] plain;
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(metaReadKey, "AES"), new IvParameterSpec(new byte[16]));
            plain = aes.doFinal(encrypted);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-128-CBC is not available", ex);
        }
        long counter = (plain[8] & 0xFFL) | (plain[9] & 0xFFL) << 8 | (plain[10] & 0xFFL) << 16;
        return new PiccData(plain[0] & 0xFF, HEX.formatHex(plain, 1, 8), counter);
    }

    /** KSesSDMFileReadMAC = AES-CMAC(file-read key, SV2), SV2 = 3CC3 0001 0080 || UID || SDMReadCtr (LSB first). */
    static byte[] sessionMacKey(byte[] fileReadKey, byte[] uid, long counter) {
        byte[] sv2 = new byte[16];
        System.arraycopy(SV2_PREFIX, 0, sv2, 0, SV2_PREFIX.length);
        System.arraycopy(uid, 0, sv2, 6, 7);
        sv2[13] = (byte) counter;
        sv2[14] = (byte) (counter >>> 8);
        sv2[15] = (byte) (counter >>> 16);
        return cmac(fileReadKey, sv2);
    }

    /** SDMMAC over the empty input (no encrypted file data): the odd-indexed bytes 1, 3, ..., 15 of the full CMAC. */
    static byte[] truncatedMac(byte[] sessionMacKey) {
        byte[] full = cmac(sessionMacKey, new byte[0]);
        byte[] truncated = new byte[8];
        for (int i = 0; i < 8; i++) {
            truncated[i] = full[2 * i + 1];
        }
        return truncated;
    }

    static byte[] cmac(byte[] key, byte[] data) {
        CMac mac = new CMac(AESEngine.newInstance());
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    private static String single(StickerQuery query, String name, Pattern form) {
        var values = query.all(name);
        return values.size() == 1 && form.matcher(values.get(0)).matches() ? values.get(0) : null;
    }

    private static String problemOf(StickerQuery query, String name, String what) {
        var values = query.all(name);
        if (values.isEmpty()) {
            return "is required: this sticker (ntag424-sun) signs every tap with e= and c=, so a URL without it did not come from the chip";
        }
        return values.size() > 1 ? "must be given once" : "must be " + what;
    }
}
