package dev.odksim.runs;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a run does. */
public enum RunKind {
    VALIDATION("validation"),
    LOAD("load");

    private final String wire;

    RunKind(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static RunKind of(String wire) {
        for (RunKind kind : values()) {
            if (kind.wire.equals(wire)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown run kind " + wire);
    }
}
