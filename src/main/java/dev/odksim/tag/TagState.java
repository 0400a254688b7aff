package dev.odksim.tag;

import com.fasterxml.jackson.annotation.JsonValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A sticker is active until an admin retires it (docs/stickers.md); a retired sticker's scans are refused. */
@Schema(enumeration = {Tag.ACTIVE, Tag.RETIRED})
public enum TagState {
    ACTIVE(Tag.ACTIVE), RETIRED(Tag.RETIRED);

    private final String wire;

    TagState(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The state of a stored tag (its wire name). */
    public static TagState of(String wire) {
        for (TagState state : values()) {
            if (state.wire.equals(wire)) {
                return state;
            }
        }
        throw new IllegalArgumentException("Unknown tag state " + wire);
    }
}
