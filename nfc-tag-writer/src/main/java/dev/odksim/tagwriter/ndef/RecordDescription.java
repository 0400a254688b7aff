package dev.odksim.tagwriter.ndef;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Human-readable one-line descriptions of records read from a tag, including ones we did not write. */
public final class RecordDescription {

    private RecordDescription() {
    }

    public static String of(NdefRecord r) {
        if (r.isUri()) {
            return "URI " + (r.payload().length == 0 ? "(empty)" : r.uriValue());
        }
        if (r.isText() && r.payload().length > 0) {
            int status = r.payload()[0] & 0xFF;
            int langLength = status & 0x3F;
            boolean utf16 = (status & 0x80) != 0;
            if (1 + langLength <= r.payload().length) {
                String lang = new String(r.payload(), 1, langLength, StandardCharsets.US_ASCII);
                String text = new String(r.payload(), 1 + langLength, r.payload().length - 1 - langLength,
                        utf16 ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8);
                return "Text [" + lang + "] " + text;
            }
        }
        if (r.isSmartPoster()) {
            try {
                StringBuilder sb = new StringBuilder("Smart poster {");
                String sep = " ";
                for (NdefRecord inner : NdefMessage.decode(r.payload()).records()) {
                    sb.append(sep).append(of(inner));
                    sep = "; ";
                }
                return sb.append(" }").toString();
            } catch (NdefFormatException e) {
                return "Smart poster (malformed: " + e.getMessage() + ")";
            }
        }
        return switch (r.tnf()) {
            case EMPTY -> "Empty record";
            case MEDIA -> "Media " + r.typeString() + ": " + readable(r.payload());
            case ABSOLUTE_URI -> "Absolute URI type " + r.typeString() + ": " + readable(r.payload());
            case EXTERNAL -> "External " + r.typeString() + ": " + readable(r.payload());
            case WELL_KNOWN -> "Well-known " + r.typeString() + ": " + readable(r.payload());
            default -> r.tnf() + " record, type " + HexFormat.of().formatHex(r.type()) + ": "
                    + readable(r.payload());
        };
    }

    /** Printable ASCII as a quoted string, anything else as hex. */
    static String readable(byte[] payload) {
        boolean printable = payload.length > 0;
        for (byte b : payload) {
            if (b < 0x20 || b > 0x7E) {
                printable = false;
                break;
            }
        }
        return printable ? '"' + new String(payload, StandardCharsets.US_ASCII) + '"'
                : payload.length + " bytes " + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(payload);
    }
}
