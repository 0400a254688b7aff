package dev.odksim.lock;

import com.fasterxml.jackson.annotation.JsonValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a lock did with an unlock attempt, as the access log records it. */
@Schema(enumeration = {UnlockResult.UNLOCKED_WIRE, UnlockResult.REFUSED_WIRE})
public enum UnlockResult {
    UNLOCKED(UnlockResult.UNLOCKED_WIRE), REFUSED(UnlockResult.REFUSED_WIRE);

    static final String UNLOCKED_WIRE = "unlocked";
    static final String REFUSED_WIRE = "refused";

    private final String wire;

    UnlockResult(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The result of a stored access event (its wire name). */
    public static UnlockResult of(String wire) {
        for (UnlockResult result : values()) {
            if (result.wire.equals(wire)) {
                return result;
            }
        }
        throw new IllegalArgumentException("Unknown unlock result " + wire);
    }
}
