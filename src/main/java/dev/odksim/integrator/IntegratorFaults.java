package dev.odksim.integrator;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
    public record Faults(@Min(value = 0, message = "must be between 0 and 120000") @Max(value = 120_000, message = "must be between 0 and 120000")
                         int latencyMs,
                         @Min(value = 100, message = "must be an HTTP status between 100 and 599, or null")
                         @Max(value = 599, message = "must be an HTTP status between 100 and 599, or null") Integer forceStatus,
                         boolean malformedBody) {
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
