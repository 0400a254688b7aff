package dev.odksim.lock;

import com.fasterxml.jackson.annotation.JsonValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The result of an unlock attempt as the access log records it (the wire name of {@link UnlockResult}). */
@Schema(enumeration = {AccessEventResult.UNLOCKED_WIRE, AccessEventResult.REFUSED_WIRE})
public enum AccessEventResult {
    UNLOCKED(AccessEventResult.UNLOCKED_WIRE), REFUSED(AccessEventResult.REFUSED_WIRE);

    static final String UNLOCKED_WIRE = "unlocked";
    static final String REFUSED_WIRE = "refused";

    private final String wire;

    AccessEventResult(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The result of a stored access event (its wire name). */
    public static AccessEventResult of(String wire) {
        for (AccessEventResult result : values()) {
            if (result.wire.equals(wire)) {
                return result;
            }
        }
        throw new IllegalArgumentException("Unknown access event result " + wire);
    }
}
