package dev.odksim.tagwriter.tag;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the NTAG21x ASCII mirror puts into the URL on every read: the UID (14 hex digits), the NFC
 * counter (6 hex digits) or both as {@code <UID>x<counter>}, the form the platform's
 * {@code ntag-mirror} mode parses from {@code ?m=}.
 */
public enum MirrorMode {
    UID(1, 14), COUNTER(2, 6), BOTH(3, 21);

    private final int conf;
    private final int length;

    MirrorMode(int conf, int length) {
        this.conf = conf;
        this.length = length;
    }

    /** The MIRROR_CONF field value. */
    public int conf() {
        return conf;
    }

    /** Number of ASCII bytes the mirror overwrites. */
    public int length() {
        return length;
    }

    public boolean includesCounter() {
        return this != UID;
    }

    /** What the URL carries where the mirror goes: zeros (and the 'x' separator). */
    public String placeholder() {
        return switch (this) {
            case UID -> "0".repeat(14);
            case COUNTER -> "0".repeat(6);
            case BOTH -> "0".repeat(14) + "x" + "0".repeat(6);
        };
    }

    /** The regular expression a correct mirror matches, given the tag's UID in upper-case hex. */
    public String expectedPattern(String uidHex) {
        return switch (this) {
            case UID -> uidHex;
            case COUNTER -> "[0-9A-F]{6}";
            case BOTH -> uidHex + "x[0-9A-F]{6}";
        };
    }

    public static Optional<MirrorMode> fromConf(int conf) {
        return Arrays.stream(values()).filter(m -> m.conf == conf).findFirst();
    }
}
