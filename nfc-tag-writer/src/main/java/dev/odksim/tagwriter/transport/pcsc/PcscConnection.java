package dev.odksim.tagwriter.transport.pcsc;

import dev.odksim.tagwriter.transport.NoTagException;
import dev.odksim.tagwriter.transport.TagCommandException;
import dev.odksim.tagwriter.transport.TagConnection;
import java.util.Arrays;
import java.util.HexFormat;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * One tag on a PC/SC reader. READ/WRITE/UID use the PC/SC 2.01 part 3 storage-card APDUs (READ
 * BINARY {@code FF B0}, UPDATE BINARY {@code FF D6}, GET DATA {@code FF CA}) that every contactless
 * reader driver maps to the tag; the NTAG-specific commands go through the ACR122U pseudo-APDU
 * {@code FF 00 00 00 Lc} wrapping the PN53x {@code InCommunicateThru} ({@code D4 42 …}, answer
 * {@code D5 43 status …}).
 */
final class PcscConnection implements TagConnection {

    static final int CLA_PSEUDO = 0xFF;
    static final int INS_GET_DATA = 0xCA;
    static final int INS_READ_BINARY = 0xB0;
    static final int INS_UPDATE_BINARY = 0xD6;
    static final int INS_DIRECT_TRANSMIT = 0x00;
    static final int PN53X_IN_COMMUNICATE_THRU = 0x42;
    static final byte PN53X_HOST_TO_PN = (byte) 0xD4;
    static final byte PN53X_PN_TO_HOST = (byte) 0xD5;
    static final int SW_OK = 0x9000;

    static final int NTAG_GET_VERSION = 0x60;
    static final int NTAG_PWD_AUTH = 0x1B;
    static final int NTAG_READ_CNT = 0x39;
    static final int NFC_COUNTER_ADDRESS = 0x02;

    private final Card card;
    private final String readerName;
    private byte[] uid;
    private Boolean rawSupported;
    private byte[] version;

    PcscConnection(Card card, String readerName) {
        this.card = card;
        this.readerName = readerName;
    }

    @Override
    public byte[] uid() {
        if (uid == null) {
            ResponseAPDU r = transmit(new CommandAPDU(CLA_PSEUDO, INS_GET_DATA, 0x00, 0x00, 256), "GET UID");
            requireOk(r, "GET UID");
            uid = r.getData();
        }
        return uid.clone();
    }

    @Override
    public byte[] read(int page) {
        ResponseAPDU r = transmit(new CommandAPDU(CLA_PSEUDO, INS_READ_BINARY, 0x00, page, 16), "READ");
        if (r.getSW() != SW_OK || r.getData().length < 16) {
            throw new TagCommandException(TagCommandException.NAK_INVALID_ARGUMENT, "READ BINARY page " + page
                    + " refused (SW " + Integer.toHexString(r.getSW()).toUpperCase() + ")");
        }
        return Arrays.copyOf(r.getData(), 16);
    }

    @Override
    public void write(int page, byte[] data) {
        ResponseAPDU r = transmit(new CommandAPDU(CLA_PSEUDO, INS_UPDATE_BINARY, 0x00, page, data), "WRITE");
        if (r.getSW() != SW_OK) {
            throw new TagCommandException(TagCommandException.NAK_INVALID_ARGUMENT, "UPDATE BINARY page " + page
                    + " refused (SW " + Integer.toHexString(r.getSW()).toUpperCase() + ")");
        }
    }

    @Override
    public boolean supportsRawCommands() {
        if (rawSupported == null) {
            try {
                version = raw(new byte[] {NTAG_GET_VERSION}, "GET_VERSION");
                rawSupported = true;
            } catch (TagCommandException e) {
                rawSupported = e.nak() != TagCommandException.READER_ERROR;
            }
        }
        return rawSupported;
    }

    @Override
    public byte[] getVersion() {
        if (version == null) {
            version = raw(new byte[] {NTAG_GET_VERSION}, "GET_VERSION");
        }
        return version.clone();
    }

    @Override
    public byte[] pwdAuth(byte[] password) {
        byte[] cmd = new byte[5];
        cmd[0] = NTAG_PWD_AUTH;
        System.arraycopy(password, 0, cmd, 1, 4);
        byte[] pack = raw(cmd, "PWD_AUTH");
        if (pack.length < 2) {
            throw new TagCommandException(TagCommandException.NAK_INVALID_ARGUMENT, "PWD_AUTH refused");
        }
        return Arrays.copyOf(pack, 2);
    }

    @Override
    public int readCounter() {
        byte[] c = raw(new byte[] {NTAG_READ_CNT, NFC_COUNTER_ADDRESS}, "READ_CNT");
        if (c.length < 3) {
            throw new TagCommandException(TagCommandException.NAK_INVALID_ARGUMENT, "READ_CNT refused");
        }
        return (c[0] & 0xFF) | ((c[1] & 0xFF) << 8) | ((c[2] & 0xFF) << 16);
    }

    @Override
    public String readerName() {
        return readerName;
    }

    @Override
    public void close() {
        try {
            card.disconnect(false);
        } catch (CardException e) {
            // The tag may already have left the field; nothing to undo.
        }
    }

    /** Sends an NTAG command through InCommunicateThru; returns the tag's answer. */
    private byte[] raw(byte[] tagCommand, String what) {
        byte[] data = new byte[tagCommand.length + 2];
        data[0] = PN53X_HOST_TO_PN;
        data[1] = PN53X_IN_COMMUNICATE_THRU;
        System.arraycopy(tagCommand, 0, data, 2, tagCommand.length);
        ResponseAPDU r = transmit(new CommandAPDU(CLA_PSEUDO, INS_DIRECT_TRANSMIT, 0x00, 0x00, data, 256), what);
        byte[] answer = r.getData();
        if (r.getSW() != SW_OK || answer.length < 3 || answer[0] != PN53X_PN_TO_HOST
                || answer[1] != PN53X_IN_COMMUNICATE_THRU + 1) {
            throw new TagCommandException(TagCommandException.READER_ERROR, "reader " + readerName
                    + " does not pass " + what + " through (SW " + Integer.toHexString(r.getSW()).toUpperCase()
                    + ", answer " + HexFormat.of().formatHex(answer) + ")");
        }
        int status = answer[2] & 0x3F;
        byte[] payload = Arrays.copyOfRange(answer, 3, answer.length);
        if (status != 0) {
            // 0x01 = the tag did not answer in time, which is how a NAK'd NTAG looks through a PN53x.
            throw new TagCommandException(TagCommandException.NAK_INVALID_ARGUMENT, what + " refused by the tag"
                    + " (PN53x status 0x" + Integer.toHexString(status) + ")");
        }
        if (payload.length == 1 && (payload[0] & 0xF0) == 0 && payload[0] != 0x0A) {
            throw new TagCommandException(payload[0], what + " NAK 0x" + Integer.toHexString(payload[0]));
        }
        return payload;
    }

    private ResponseAPDU transmit(CommandAPDU apdu, String what) {
        try {
            return card.getBasicChannel().transmit(apdu);
        } catch (CardException e) {
            if (PcscErrors.meansNoCard(e)) {
                throw new NoTagException("tag left the reader during " + what, e);
            }
            throw new TagCommandException(TagCommandException.READER_ERROR, what + " failed on reader "
                    + readerName + ": " + PcscErrors.rootMessage(e));
        }
    }

    private static void requireOk(ResponseAPDU r, String what) {
        if (r.getSW() != SW_OK) {
            throw new TagCommandException(TagCommandException.READER_ERROR, what + " failed (SW "
                    + Integer.toHexString(r.getSW()).toUpperCase() + ")");
        }
    }
}
