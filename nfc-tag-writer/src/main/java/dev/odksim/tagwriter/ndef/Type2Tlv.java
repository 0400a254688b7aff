package dev.odksim.tagwriter.ndef;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * The NFC Forum Type 2 Tag TLV framing of the data area (from page 4): an NDEF message TLV
 * (tag 0x03) with a one-byte length (0..254) or the three-byte form (0xFF, 16-bit length), followed
 * by the terminator TLV 0xFE.
 */
public final class Type2Tlv {

    public static final int NULL = 0x00;
    public static final int LOCK_CONTROL = 0x01;
    public static final int MEMORY_CONTROL = 0x02;
    public static final int NDEF_MESSAGE = 0x03;
    public static final int PROPRIETARY = 0xFD;
    public static final int TERMINATOR = 0xFE;

    /** Largest length the one-byte form can carry; 0xFF announces the three-byte form. */
    static final int MAX_SHORT_LENGTH = 0xFE;

    private Type2Tlv() {
    }

    /** The NDEF message TLV followed by the terminator TLV. */
    public static byte[] wrap(byte[] ndefMessage) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(NDEF_MESSAGE);
        writeLength(out, ndefMessage.length);
        out.writeBytes(ndefMessage);
        out.write(TERMINATOR);
        return out.toByteArray();
    }

    /** Number of bytes the T and L fields take for a message of this length. */
    public static int headerLength(int messageLength) {
        return messageLength > MAX_SHORT_LENGTH ? 4 : 2;
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("NDEF message of " + length + " bytes exceeds the TLV limit");
        }
        if (length > MAX_SHORT_LENGTH) {
            out.write(0xFF);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(length);
        }
    }

    /**
     * Finds the first NDEF message TLV in a data area (bytes from page 4), skipping NULL, lock and
     * memory control and proprietary TLVs. Empty when a terminator or the end comes first.
     */
    public static Optional<byte[]> findNdefMessage(byte[] area) {
        int pos = 0;
        while (pos < area.length) {
            int t = area[pos++] & 0xFF;
            if (t == NULL) {
                continue;
            }
            if (t == TERMINATOR) {
                return Optional.empty();
            }
            if (pos >= area.length) {
                throw new NdefFormatException("TLV 0x" + Integer.toHexString(t) + " has no length byte");
            }
            int length = area[pos++] & 0xFF;
            if (length == 0xFF) {
                if (pos + 2 > area.length) {
                    throw new NdefFormatException("three-byte TLV length cut off");
                }
                length = ((area[pos] & 0xFF) << 8) | (area[pos + 1] & 0xFF);
                pos += 2;
            }
            if (pos + length > area.length) {
                throw new NdefFormatException("TLV 0x" + Integer.toHexString(t) + " says " + length
                        + " bytes but only " + (area.length - pos) + " remain on the tag");
            }
            if (t == NDEF_MESSAGE) {
                byte[] message = new byte[length];
                System.arraycopy(area, pos, message, 0, length);
                return Optional.of(message);
            }
            pos += length;
        }
        return Optional.empty();
    }
}
