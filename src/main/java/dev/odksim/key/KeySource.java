package dev.odksim.key;

import com.fasterxml.jackson.annotation.JsonValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a key came from: minted on an integrator's decision, assigned by an admin, or created through the /v2 API. */
@Schema(enumeration = {KeySource.ON_DEMAND_WIRE, KeySource.ASSIGNED_WIRE, KeySource.UNLOC_V2_WIRE})
public enum KeySource {
    ON_DEMAND(KeySource.ON_DEMAND_WIRE), ASSIGNED(KeySource.ASSIGNED_WIRE), UNLOC_V2(KeySource.UNLOC_V2_WIRE);

    static final String ON_DEMAND_WIRE = "on-demand";
    static final String ASSIGNED_WIRE = "assigned";
    static final String UNLOC_V2_WIRE = "unloc-v2";

    private final String wire;

    KeySource(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The source of a stored key (its wire name). */
    public static KeySource of(String wire) {
        for (KeySource source : values()) {
            if (source.wire.equals(wire)) {
                return source;
            }
        }
        throw new IllegalArgumentException("Unknown key source " + wire);
    }
}
