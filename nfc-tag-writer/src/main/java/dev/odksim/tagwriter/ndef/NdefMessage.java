package dev.odksim.tagwriter.ndef;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An NDEF message: the records a phone sees when it taps the sticker. Encodes short records
 * (SR, one-byte payload length) when the payload fits in 255 bytes and long records otherwise;
 * decodes any well-formed message, joining chunked records.
 */
public record NdefMessage(List<NdefRecord> records) {

    static final int MB = 0x80;
    static final int ME = 0x40;
    static final int CF = 0x20;
    static final int SR = 0x10;
    static final int IL = 0x08;

    public NdefMessage {
        records = List.copyOf(records);
    }

    public static NdefMessage of(NdefRecord... records) {
        return new NdefMessage(List.of(records));
    }

    /** The message holding one URI record. */
    public static NdefMessage uri(String uri) {
        return of(NdefRecord.uri(uri));
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (records.isEmpty()) {
            // An empty message is one empty record (NDEF 1.0 §3.3.1 allows it; Type 2 uses length 0).
            return new byte[0];
        }
        for (int i = 0; i < records.size(); i++) {
            NdefRecord r = records.get(i);
            boolean shortRecord = r.payload().length <= 0xFF;
            int header = r.tnf().ordinal();
            if (i == 0) {
                header |= MB;
            }
            if (i == records.size() - 1) {
                header |= ME;
            }
            if (shortRecord) {
                header |= SR;
            }
            if (r.id().length > 0) {
                header |= IL;
            }
            out.write(header);
            out.write(r.type().length);
            int len = r.payload().length;
            if (shortRecord) {
                out.write(len);
            } else {
                out.write(len >>> 24);
                out.write(len >>> 16);
                out.write(len >>> 8);
                out.write(len);
            }
            if (r.id().length > 0) {
                out.write(r.id().length);
            }
            out.writeBytes(r.type());
            out.writeBytes(r.id());
            out.writeBytes(r.payload());
        }
        return out.toByteArray();
    }

    /** Parses a message; throws {@link NdefFormatException} when the bytes are not well formed. */
    public static NdefMessage decode(byte[] bytes) {
        List<NdefRecord> records = new ArrayList<>();
        int pos = 0;
        NdefRecord chunkHead = null;
        ByteArrayOutputStream chunkPayload = null;
        boolean end = false;
        while (pos < bytes.length && !end) {
            int header = bytes[pos++] & 0xFF;
            end = (header & ME) != 0;
            int typeLength = readByte(bytes, pos++);
            long payloadLength;
            if ((header & SR) != 0) {
                payloadLength = readByte(bytes, pos++);
            } else {
                need(bytes, pos, 4);
                payloadLength = ((long) (bytes[pos] & 0xFF) << 24) | ((bytes[pos + 1] & 0xFF) << 16)
                        | ((bytes[pos + 2] & 0xFF) << 8) | (bytes[pos + 3] & 0xFF);
                pos += 4;
            }
            int idLength = (header & IL) != 0 ? readByte(bytes, pos++) : 0;
            if (payloadLength > bytes.length) {
                throw new NdefFormatException("record payload length " + payloadLength + " exceeds the message");
            }
            byte[] type = slice(bytes, pos, typeLength);
            pos += typeLength;
            byte[] id = slice(bytes, pos, idLength);
            pos += idLength;
            byte[] payload = slice(bytes, pos, (int) payloadLength);
            pos += (int) payloadLength;
            NdefRecord.Tnf tnf = NdefRecord.Tnf.of(header);
            boolean chunked = (header & CF) != 0;
            if (chunkHead == null && chunked) {
                chunkHead = new NdefRecord(tnf, type, id, null);
                chunkPayload = new ByteArrayOutputStream();
                chunkPayload.writeBytes(payload);
            } else if (chunkHead != null) {
                if (tnf != NdefRecord.Tnf.UNCHANGED) {
                    throw new NdefFormatException("middle or last chunk must have TNF 'unchanged'");
                }
                chunkPayload.writeBytes(payload);
                if (!chunked) {
                    records.add(new NdefRecord(chunkHead.tnf(), chunkHead.type(), chunkHead.id(),
                            chunkPayload.toByteArray()));
                    chunkHead = null;
                }
            } else {
                records.add(new NdefRecord(tnf, type, id, payload));
            }
        }
        if (chunkHead != null) {
            throw new NdefFormatException("chunked record without its last chunk");
        }
        return new NdefMessage(records);
    }

    private static int readByte(byte[] bytes, int pos) {
        need(bytes, pos, 1);
        return bytes[pos] & 0xFF;
    }

    private static void need(byte[] bytes, int pos, int n) {
        if (pos + n > bytes.length) {
            throw new NdefFormatException("message ends inside a record header (at byte " + pos + ")");
        }
    }

    private static byte[] slice(byte[] bytes, int pos, int n) {
        need(bytes, pos, n);
        byte[] out = new byte[n];
        System.arraycopy(bytes, pos, out, 0, n);
        return out;
    }
}
