package dev.odksim.tag;

import dev.odksim.tag.StickerVerdict.Refused;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code ntag-mirror} trust mode (docs/design.md §5): an NTAG213/215/216 overwrites the {@code m=} placeholder with its
 * UID and/or tap counter as ASCII hex on every read, in the exact forms nfc-tag-writer sets up:
 * {@code m=<14 hex UID>x<6 hex counter>} ({@code --mirror both}), {@code m=<14 hex UID>} ({@code uid}),
 * {@code m=<6 hex counter>} ({@code counter}). Plaintext, so it catches naive copies, not a determined cloner.
 */
public final class NtagMirror {

    public static final String PARAMETER = "m";
    static final String BOTH = "both";
    static final String UID = "uid";
    static final String COUNTER = "counter";

    private static final Pattern BOTH_FORM = Pattern.compile("[0-9A-Fa-f]{14}x[0-9A-Fa-f]{6}");
    private static final Pattern UID_FORM = Pattern.compile("[0-9A-Fa-f]{14}");
    private static final Pattern COUNTER_FORM = Pattern.compile("[0-9A-Fa-f]{6}");
    private static final String PLACEHOLDER_UID = "0".repeat(14);

    private NtagMirror() {
    }

    /**
     * @param chipUid     the registered chip's UID (14 upper-case hex digits)
     * @param pinnedForm  the mirror form this sticker uses ({@code uid|counter|both}), or null until its first good scan
     * @param lastCounter the highest counter seen so far, or null
     */
    public static StickerVerdict check(StickerQuery query, String chipUid, String pinnedForm, Long lastCounter) {
        if (query.tooLong()) {
            return Refused.malformed("query", "is longer than " + StickerQuery.MAX_LENGTH + " characters");
        }
        var values = query.all(PARAMETER);
        if (values.isEmpty()) {
            return Refused.malformed(PARAMETER, "is required: this sticker (ntag-mirror) mirrors its chip UID and/or tap counter"
                    + " into m=, so a URL without it did not come from the chip");
        }
        if (values.size() > 1) {
            return Refused.malformed(PARAMETER, "must be given once");
        }
        String value = values.get(0);
        String form;
        String uid = null;
        Long counter = null;
        if (BOTH_FORM.matcher(value).matches()) {
            form = BOTH;
            uid = value.substring(0, 14).toUpperCase(Locale.ROOT);
            counter = Long.parseLong(value.substring(15), 16);
        } else if (UID_FORM.matcher(value).matches()) {
            form = UID;
            uid = value.toUpperCase(Locale.ROOT);
        } else if (COUNTER_FORM.matcher(value).matches()) {
            form = COUNTER;
            counter = Long.parseLong(value, 16);
        } else {
            return Refused.malformed(PARAMETER, "must be <14 hex UID>x<6 hex counter>, <14 hex UID> or <6 hex counter>,"
                    + " as the NTAG mirror writes it");
        }
        if (pinnedForm != null && !pinnedForm.equals(form)) {
            return new Refused(ScanOutcome.CLONE, PARAMETER, "This sticker mirrors " + describe(pinnedForm) + ", but the URL carries "
                    + describe(form) + ": it was edited, not read from the chip", uid, counter);
        }
        if (uid != null && !uid.equals(chipUid)) {
            String detail = PLACEHOLDER_UID.equals(uid)
                    ? "The URL carries the writer's placeholder (zeros) instead of a chip UID: the sticker's mirror is off, or this is a copy of the written URL"
                    : "The chip UID in the URL (" + uid + ") is not the UID of the chip registered for this sticker: the URL was copied to another chip or edited";
            return new Refused(ScanOutcome.CLONE, PARAMETER, detail, uid, counter);
        }
        if (counter == null) {
            return new StickerVerdict.Passed(uid, null, form);
        }
        return StickerVerdict.counterCheck(uid, counter, lastCounter, form);
    }

    private static String describe(String form) {
        return switch (form) {
            case BOTH -> "its UID and tap counter";
            case UID -> "only its UID";
            default -> "only its tap counter";
        };
    }
}
