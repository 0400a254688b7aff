package dev.odksim.tag;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.util.HexFormat;

/**
 * Test stand-in for an NTAG 424 DNA with SDM: produces {@code e=…&c=…} for a UID and read counter under given keys.
 * The MAC functions it reuses are pinned independently by the AN12196 vector in {@link Ntag424SunTest}.
 */
public final class SunTagEmulator {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private SunTagEmulator() {
    }

    public static String query(byte[] metaReadKey, byte[] fileReadKey, byte[] uid, long counter) {
        byte[] picc = new byte[16];
        picc[0] = (byte) 0xC7;
        System.arraycopy(uid, 0, picc, 1, 7);
        picc[8] = (byte) counter;
        picc[9] = (byte) (counter >>> 8);
        picc[10] = (byte) (counter >>> 16);
        for (int i = 11; i < 16; i++) {
            picc[i] = (byte) (counter * 31 + i); // the chip's random padding; any bytes do
        }
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(metaReadKey, "AES"), new IvParameterSpec(new byte[16]));
            byte[] e = aes.doFinal(picc);
            byte[] c = Ntag424Sun.truncatedMac(Ntag424Sun.sessionMacKey(fileReadKey, uid, counter));
            return "e=" + HEX.formatHex(e) + "&c=" + HEX.formatHex(c);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static String query(String metaReadKeyHex, String fileReadKeyHex, String uidHex, long counter) {
        return query(HEX.parseHex(metaReadKeyHex), HEX.parseHex(fileReadKeyHex), HEX.parseHex(uidHex), counter);
    }
}
