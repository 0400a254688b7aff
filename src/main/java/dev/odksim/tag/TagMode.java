package dev.odksim.tag;

import com.fasterxml.jackson.annotation.JsonValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a sticker proves it was tapped (docs/stickers.md): a plain URL, an NTAG 21x mirror, or NTAG 424 SUN. */
@Schema(enumeration = {TagService.NONE, TagService.MIRROR, TagService.SUN})
public enum TagMode {
    NONE(TagService.NONE), NTAG_MIRROR(TagService.MIRROR), NTAG424_SUN(TagService.SUN);

    private final String wire;

    TagMode(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The mode of a stored tag (its wire name); an unknown value is a programming error, not input. */
    public static TagMode of(String wire) {
        for (TagMode mode : values()) {
            if (mode.wire.equals(wire)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("Unknown tag mode " + wire);
    }
}
