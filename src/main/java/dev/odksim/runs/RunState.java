package dev.odksim.runs;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a run is: {@code queued} (waiting for a worker), {@code running}, then one of the final states:
 * {@code finished} (it has a report), {@code cancelled}, {@code failed} (an internal error, or its instance stopped).
 */
public enum RunState {
    QUEUED("queued"),
    RUNNING("running"),
    FINISHED("finished"),
    CANCELLED("cancelled"),
    FAILED("failed");

    private final String wire;

    RunState(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean isFinal() {
        return this == FINISHED || this == CANCELLED || this == FAILED;
    }

    public static RunState of(String wire) {
        for (RunState state : values()) {
            if (state.wire.equals(wire)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown run state " + wire);
    }
}
