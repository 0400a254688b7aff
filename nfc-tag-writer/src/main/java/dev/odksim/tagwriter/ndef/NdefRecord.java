package dev.odksim.tagwriter.ndef;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One NDEF record (NFC Forum NDEF 1.0): type name format, type, optional id and payload. The
 * message framing flags (MB, ME, SR, IL) are derived when the record is encoded in a message.
 */
public record NdefRecord(Tnf tnf, byte[] type, byte[] id, byte[] payload) {

    /** Type name formats (the three low bits of the record header). */
    public enum Tnf {
        EMPTY, WELL_KNOWN, MEDIA, ABSOLUTE_URI, EXTERNAL, UNKNOWN, UNCHANGED, RESERVED;

        static Tnf of(int bits) {
            return values()[bits & 0x07];
        }
    }

    static final byte[] TYPE_URI = {'U'};
    static final byte[] TYPE_TEXT = {'T'};
    static final byte[] TYPE_SMART_POSTER = {'S', 'p'};

    public NdefRecord {
        type = type == null ? new byte[0] : type.clone();
        id = id == null ? new byte[0] : id.clone();
        payload = payload == null ? new byte[0] : payload.clone();
    }

    /** A well-known URI record with the longest matching prefix abbreviated to its code. */
    public static NdefRecord uri(String uri) {
        int code = UriPrefix.codeFor(uri);
        byte[] rest = uri.substring(UriPrefix.expand(code).length()).getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[rest.length + 1];
        payload[0] = (byte) code;
        System.arraycopy(rest, 0, payload, 1, rest.length);
        return new NdefRecord(Tnf.WELL_KNOWN, TYPE_URI, null, payload);
    }

    /** A well-known text record (UTF-8, with an IANA language code). */
    public static NdefRecord text(String language, String text) {
        byte[] lang = language.getBytes(StandardCharsets.US_ASCII);
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[1 + lang.length + body.length];
        payload[0] = (byte) lang.length;
        System.arraycopy(lang, 0, payload, 1, lang.length);
        System.arraycopy(body, 0, payload, 1 + lang.length, body.length);
        return new NdefRecord(Tnf.WELL_KNOWN, TYPE_TEXT, null, payload);
    }

    public boolean isUri() {
        return tnf == Tnf.WELL_KNOWN && Arrays.equals(type, TYPE_URI);
    }

    public boolean isText() {
        return tnf == Tnf.WELL_KNOWN && Arrays.equals(type, TYPE_TEXT);
    }

    public boolean isSmartPoster() {
        return tnf == Tnf.WELL_KNOWN && Arrays.equals(type, TYPE_SMART_POSTER);
    }

    /** The URI of a URI record with its prefix code expanded. */
    public String uriValue() {
        if (!isUri() || payload.length == 0) {
            throw new IllegalStateException("not a URI record");
        }
        return UriPrefix.expand(payload[0] & 0xFF)
                + new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8);
    }

    public String typeString() {
        return new String(type, StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NdefRecord r && tnf == r.tnf && Arrays.equals(type, r.type)
                && Arrays.equals(id, r.id) && Arrays.equals(payload, r.payload);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * tnf.hashCode() + Arrays.hashCode(type)) + Arrays.hashCode(id))
                + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return RecordDescription.of(this);
    }
}
