package dev.odksim.tag;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SUN vectors with tap counters of 256 and more, so all three SDMReadCtr bytes (LSB first in the PICC data and in SV2)
 * are exercised: a sticker reaches them after 256 taps. The vectors are derived here from NXP AN12196 with an AES-CMAC of
 * our own (RFC 4493 on the JDK's AES, checked against the RFC's test vectors), independent of {@link Ntag424Sun}'s Bouncy Castle CMAC.
 */
class Ntag424SunHighCounterTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] META_READ_KEY = HEX.parseHex("00112233445566778899AABBCCDDEEFF");
    private static final byte[] FILE_READ_KEY = HEX.parseHex("F0E1D2C3B4A5968778695A4B3C2D1E0F");
    private static final String UID = "04A1B2C3D4E580";

    @Test
    void ownCmacMatchesRfc4493() {
        byte[] key = HEX.parseHex("2B7E151628AED2A6ABF7158809CF4F3C");
        assertThat(HEX.formatHex(cmac(key, new byte[0]))).isEqualTo("BB1D6929E95937287FA37D129B756746");
        assertThat(HEX.formatHex(cmac(key, HEX.parseHex("6BC1BEE22E409F96E93D7E117393172A"))))
                .isEqualTo("070A16B46B4D4144F79BDD9DD04A287C");
        assertThat(HEX.formatHex(cmac(key, HEX.parseHex("6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E5130C81C46A35CE411"))))
                .isEqualTo("DFA66747DE9AE63030CA32611497C827");
    }

    /** 256 (byte 2 only), 0x01_02_03, 65 536 (byte 3 only) and the largest 24-bit counter. */
    @ParameterizedTest
    @ValueSource(ints = {256, 0x010203, 65_536, 0xFFFFFF, 0x00FF00})
    void highCounterVectorsVerify(int counter) {
        String e = encryptedPiccData(counter);
        String c = mac(counter);
        StickerVerdict verdict = Ntag424Sun.check(StickerQuery.parse("e=" + e + "&c=" + c), META_READ_KEY, FILE_READ_KEY, UID, (long) counter - 1);
        assertThat(verdict).isEqualTo(new StickerVerdict.Passed(UID, (long) counter, null));
        assertThat(Ntag424Sun.decrypt(META_READ_KEY, HEX.parseHex(e)).counter()).isEqualTo(counter);
        assertThat(HEX.formatHex(Ntag424Sun.sessionMacKey(FILE_READ_KEY, HEX.parseHex(UID), counter)))
                .isEqualTo(HEX.formatHex(cmac(FILE_READ_KEY, sv2(counter))));
    }

    /** The MAC of one counter does not verify for a counter differing only in its second or third byte. */
    @Test
    void macOfAnotherHighCounterIsRefused() {
        String e = encryptedPiccData(0x010203);
        for (int other : new int[]{0x010303, 0x020203, 0x000203}) {
            StickerVerdict verdict = Ntag424Sun.check(StickerQuery.parse("e=" + e + "&c=" + mac(other)), META_READ_KEY, FILE_READ_KEY, UID, null);
            assertThat(verdict).isInstanceOfSatisfying(StickerVerdict.Refused.class,
                    r -> assertThat(r.outcome()).isEqualTo(ScanOutcome.BAD_MAC));
        }
    }

    /** PICC data (AN12196 §3.3): tag C7, UID, SDMReadCtr LSB first, padding; AES-128-CBC with a zero IV. */
    private static String encryptedPiccData(int counter) {
        byte[] plain = new byte[16];
        plain[0] = (byte) 0xC7;
        System.arraycopy(HEX.parseHex(UID), 0, plain, 1, 7);
        plain[8] = (byte) (counter & 0xFF);
        plain[9] = (byte) ((counter >> 8) & 0xFF);
        plain[10] = (byte) ((counter >> 16) & 0xFF);
        for (int i = 11; i < 16; i++) {
            plain[i] = (byte) (0xA0 + i);
        }
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(META_READ_KEY, "AES"), new IvParameterSpec(new byte[16]));
            return HEX.formatHex(aes.doFinal(plain));
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** SV2 = 3C C3 00 01 00 80 || UID || SDMReadCtr (LSB first) (AN12196 §3.4). */
    private static byte[] sv2(int counter) {
        byte[] sv2 = new byte[16];
        byte[] prefix = {0x3C, (byte) 0xC3, 0x00, 0x01, 0x00, (byte) 0x80};
        System.arraycopy(prefix, 0, sv2, 0, 6);
        System.arraycopy(HEX.parseHex(UID), 0, sv2, 6, 7);
        sv2[13] = (byte) (counter & 0xFF);
        sv2[14] = (byte) ((counter >> 8) & 0xFF);
        sv2[15] = (byte) ((counter >> 16) & 0xFF);
        return sv2;
    }

    /** SDMMAC: CMAC of the empty input under the session key, its bytes 1, 3, …, 15. */
    private static String mac(int counter) {
        byte[] full = cmac(cmac(FILE_READ_KEY, sv2(counter)), new byte[0]);
        byte[] truncated = new byte[8];
        for (int i = 0; i < 8; i++) {
            truncated[i] = full[2 * i + 1];
        }
        return HEX.formatHex(truncated);
    }

    /** AES-CMAC per RFC 4493 §2.3-2.4, on the JDK's AES/ECB. */
    static byte[] cmac(byte[] key, byte[] message) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            byte[] l = aes.doFinal(new byte[16]);
            byte[] k1 = doubled(l);
            byte[] k2 = doubled(k1);
            int blocks = Math.max(1, (message.length + 15) / 16);
            boolean complete = message.length > 0 && message.length % 16 == 0;
            byte[] last = new byte[16];
            int offset = (blocks - 1) * 16;
            for (int i = 0; i < 16; i++) {
                int at = offset + i;
                if (complete) {
                    last[i] = (byte) (message[at] ^ k1[i]);
                } else {
                    byte padded = at < message.length ? message[at] : (at == message.length ? (byte) 0x80 : 0);
                    last[i] = (byte) (padded ^ k2[i]);
                }
            }
            byte[] x = new byte[16];
            for (int b = 0; b < blocks - 1; b++) {
                for (int i = 0; i < 16; i++) {
                    x[i] ^= message[b * 16 + i];
                }
                x = aes.doFinal(x);
            }
            for (int i = 0; i < 16; i++) {
                x[i] ^= last[i];
            }
            return aes.doFinal(x);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] doubled(byte[] in) {
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = (byte) ((in[i] << 1) | (i < 15 ? (in[i + 1] & 0xFF) >>> 7 : 0));
        }
        if ((in[0] & 0x80) != 0) {
            out[15] ^= (byte) 0x87;
        }
        return out;
    }
}
