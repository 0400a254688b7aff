package dev.odksim.decision;

import java.time.Instant;

/** What an integrator decided, after every rule of docs/design.md §6.4; every failure denies access. */
public sealed interface DecisionResult {

    Outcome outcome();

    /** A human-readable account: why denied, which rule broke, what was clamped. */
    String reason();

    /** Access granted for the key window [start, end), whole seconds. {@code reason} notes a clamp, or is null. */
    record Granted(Instant start, Instant end, String reason) implements DecisionResult {
        @Override
        public Outcome outcome() {
            return Outcome.GRANTED;
        }
    }

    record Denied(String reason) implements DecisionResult {
        @Override
        public Outcome outcome() {
            return Outcome.DENIED;
        }
    }

    record Failed(Outcome outcome, String reason) implements DecisionResult {
    }
}
