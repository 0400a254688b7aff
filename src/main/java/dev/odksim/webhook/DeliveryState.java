package dev.odksim.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a delivery stands: waiting for its (next) attempt, answered with a 2xx, or given up after the retry period. */
public enum DeliveryState {
    @JsonProperty("pending") PENDING("pending"),
    @JsonProperty("delivered") DELIVERED("delivered"),
    @JsonProperty("failed") FAILED("failed");

    private final String wire;

    DeliveryState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static DeliveryState of(String wire) {
        for (DeliveryState s : values()) {
            if (s.wire.equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException(wire);
    }
}
