package dev.odksim.tag;

import com.fasterxml.jackson.annotation.JsonValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What became of one scan of a sticker URL (docs/design.md §5): stored with the scan event, and, for a refusal, the
 * HTTP status and the problem {@code reason} the app and the phone page see.
 */
@Schema(enumeration = {"ok", "unknown", "retired", "malformed", "clone", "replay", "bad_mac"})
public enum ScanOutcome {
    OK("ok", 200, null, null),
    UNKNOWN("unknown", 404, "UNKNOWN_TAG", "Unknown sticker"),
    RETIRED("retired", 404, "RETIRED_TAG", "Retired sticker"),
    /** The sticker's trust parameters are missing or not in the tag's format (400 naming the parameter). */
    MALFORMED("malformed", 400, "SCAN_MALFORMED", "Sticker URL incomplete or malformed"),
    /** The URL was not produced by the registered chip: UID mismatch, or a mirror form the chip does not use. */
    CLONE("clone", 403, "SCAN_CLONE", "Copied sticker"),
    /** The chip's tap counter did not increase: the URL was seen before. */
    REPLAY("replay", 403, "SCAN_REPLAY", "Replayed sticker URL"),
    /** NTAG 424 SUN: the encrypted PICC data or the MAC does not verify with the tag's keys. */
    BAD_MAC("bad_mac", 403, "SCAN_BAD_MAC", "Sticker signature invalid");

    private final String code;
    private final int status;
    private final String reason;
    private final String title;

    ScanOutcome(String code, int status, String reason, String title) {
        this.code = code;
        this.status = status;
        this.reason = reason;
        this.title = title;
    }

    /** The value stored with the scan event and shown by the admin API (its wire name). */
    @JsonValue
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** The problem {@code reason} of a refused scan. */
    public String reason() {
        return reason;
    }

    public String title() {
        return title;
    }

    public static ScanOutcome ofCode(String code) {
        for (ScanOutcome outcome : values()) {
            if (outcome.code.equals(code)) {
                return outcome;
            }
        }
        return null;
    }
}
