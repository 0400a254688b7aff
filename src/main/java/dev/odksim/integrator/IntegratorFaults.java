package dev.odksim.integrator;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicReference;

/** Fault knobs of the reference integrator, so a tester can watch every failure path of the decision caller. */
@ApplicationScoped
public class IntegratorFaults {

    /**
     * @param latencyMs     added before answering
     * @param forceStatus   answer with this HTTP status instead of deciding (null: decide)
     * @param malformedBody answer 200 with a body that is not JSON
     */
    public record Faults(int latencyMs, Integer forceStatus, boolean malformedBody) {
        public static final Faults NONE = new Faults(0, null, false);
    }

    private final AtomicReference<Faults> current = new AtomicReference<>(Faults.NONE);

    public Faults current() {
        return current.get();
    }

    public void set(Faults faults) {
        current.set(faults);
    }
}
