package dev.odksim.tagwriter.ndef;

import java.util.List;

/**
 * The URI identifier codes of the NFC Forum URI Record Type Definition (table 3): one byte on the
 * tag stands for a common URI prefix, so a sticker URL costs fewer bytes of a small tag.
 */
public final class UriPrefix {

    /** Index = identifier code; code 0x00 means "no abbreviation". */
    static final List<String> TABLE = List.of(
            "",
            "http://www.",
            "https://www.",
            "http://",
            "https://",
            "tel:",
            "mailto:",
            "ftp://anonymous:anonymous@",
            "ftp://ftp.",
            "ftps://",
            "sftp://",
            "smb://",
            "nfs://",
            "ftp://",
            "dav://",
            "news:",
            "telnet://",
            "imap:",
            "rtsp://",
            "urn:",
            "pop:",
            "sip:",
            "sips:",
            "tftp:",
            "btspp://",
            "btl2cap://",
            "btgoep://",
            "tcpobex://",
            "irdaobex://",
            "file://",
            "urn:epc:id:",
            "urn:epc:tag:",
            "urn:epc:pat:",
            "urn:epc:raw:",
            "urn:epc:",
            "urn:nfc:");

    private UriPrefix() {
    }

    /** The identifier code of the longest prefix of {@code uri} in the table (0 if none). */
    public static int codeFor(String uri) {
        int best = 0;
        for (int code = 1; code < TABLE.size(); code++) {
            String prefix = TABLE.get(code);
            if (uri.startsWith(prefix) && prefix.length() > TABLE.get(best).length()) {
                best = code;
            }
        }
        return best;
    }

    /** The prefix an identifier code stands for; codes 0x24..0xFF are RFU and expand to nothing. */
    public static String expand(int code) {
        return code >= 0 && code < TABLE.size() ? TABLE.get(code) : "";
    }
}
