package dev.odksim.tag;

/**
 * The pure answer of a sticker trust check ({@link NtagMirror}, {@link Ntag424Sun}): what the chip proved, or why
 * the URL is refused. The tag resolver records it and, for a pass, moves the tag's counter forward.
 */
public sealed interface StickerVerdict {

    /**
     * The URL came from the registered chip. {@code uid} and {@code counter} are what it carried (either may be null
     * for the mirror's one-part forms); {@code form} is the mirror form ({@code uid|counter|both}), or null.
     */
    record Passed(String uid, Long counter, String form) implements StickerVerdict {
    }

    /** Refused; {@code field} names the URL parameter at fault (or null), {@code detail} says why in words. */
    record Refused(ScanOutcome outcome, String field, String detail, String uid, Long counter) implements StickerVerdict {

        static Refused malformed(String field, String detail) {
            return new Refused(ScanOutcome.MALFORMED, field, detail, null, null);
        }
    }

    /** The counter must strictly increase over the last one seen (null: never seen, any counter is new). */
    static StickerVerdict counterCheck(String uid, long counter, Long lastCounter, String form) {
        if (lastCounter != null && counter <= lastCounter) {
            return new Refused(ScanOutcome.REPLAY, null, "The tap counter " + counter + " is not above the last one seen ("
                    + lastCounter + "): this URL was read before and is being replayed", uid, counter);
        }
        return new Passed(uid, counter, form);
    }
}
