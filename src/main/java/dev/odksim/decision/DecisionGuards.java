package dev.odksim.decision;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The protection of docs/design.md §6.5, one set per project so one integrator's outage never slows another project:
 * a concurrency limit (bulkhead with a waiting queue) around a circuit breaker, both SmallRye Fault Tolerance
 * guards built with its programmatic API and cached per project. A project's guards are rebuilt (fresh state)
 * when its protection settings change.
 */
@ApplicationScoped
public class DecisionGuards {

    /** Callers that may wait for a free slot, per allowed concurrent call. */
    private static final int QUEUE_PER_SLOT = 4;

    /** A project's protection settings. */
    public record Settings(int failureThreshold, int delayMs, int maxConcurrent) {
    }

    /** Thrown inside the guard for a failed decision, so the breaker counts it; carries what is recorded. */
    static final class FailedCall extends RuntimeException {
        final transient Object value;

        FailedCall(Object value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    /** Why a call was not made. */
    public record Rejected(Outcome outcome, String reason, Long retryAfterSeconds) {
    }

    private final class ProjectGuard {
        final Settings settings;
        final TypedGuard<Object> bulkhead;
        final TypedGuard<Object> breaker;
        volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;
        volatile long openedAtNanos;

        ProjectGuard(String projectId, Settings settings) {
            this.settings = settings;
            this.bulkhead = TypedGuard.create(Object.class).withDescription("decision concurrency of project " + projectId)
                    .withBulkhead().limit(settings.maxConcurrent()).queueSize(settings.maxConcurrent() * QUEUE_PER_SLOT)
                    .enableSynchronousQueueing().done()
                    .build();
            this.breaker = TypedGuard.create(Object.class).withDescription("decision circuit of project " + projectId)
                    .withCircuitBreaker()
                    .requestVolumeThreshold(settings.failureThreshold()).failureRatio(1.0).successThreshold(1)
                    .delay(settings.delayMs(), ChronoUnit.MILLIS)
                    .onStateChange(this::changed)
                    .done()
                    .build();
        }

        private void changed(CircuitBreakerState next) {
            if (next == CircuitBreakerState.OPEN) {
                openedAtNanos = System.nanoTime();
            }
            state = next;
        }

        long retryAfterSeconds() {
            long left = settings.delayMs() - (System.nanoTime() - openedAtNanos) / 1_000_000;
            return Math.max(1, (left + 999) / 1000);
        }
    }

    private final ConcurrentHashMap<String, ProjectGuard> guards = new ConcurrentHashMap<>();

    /**
     * Runs one decision call under the project's guards. A value for which {@code failed} holds is counted by the
     * breaker as a failure; a call the guards refuse is answered by {@code rejected}.
     */
    @SuppressWarnings("unchecked")
    public <T> T run(String projectId, Settings settings, Supplier<T> call, Predicate<T> failed, Function<Rejected, T> rejected) {
        ProjectGuard guard = guards.compute(projectId, (id, current) ->
                current != null && current.settings.equals(settings) ? current : new ProjectGuard(id, settings));
        try {
            return (T) guard.bulkhead.get(() -> guard.breaker.get(() -> {
                T value = call.get();
                if (failed.test(value)) {
                    throw new FailedCall(value);
                }
                return value;
            }));
        } catch (FailedCall e) {
            return (T) e.value;
        } catch (CircuitBreakerOpenException e) {
            return rejected.apply(new Rejected(Outcome.CIRCUIT_OPEN, "circuit open: the last " + settings.failureThreshold()
                    + " calls to this project's integrator failed, so it is not called for " + settings.delayMs()
                    + " ms after the circuit opened; then one trial call decides whether it closes", guard.retryAfterSeconds()));
        } catch (BulkheadException e) {
            return rejected.apply(new Rejected(Outcome.CONCURRENCY_LIMIT, "concurrency limit: " + settings.maxConcurrent()
                    + " calls to this project's integrator are in flight and " + settings.maxConcurrent() * QUEUE_PER_SLOT
                    + " more are waiting", 1L));
        }
    }

    /** The breaker state of a project, for the admin view and metrics. */
    public CircuitBreakerState state(String projectId) {
        ProjectGuard guard = guards.get(projectId);
        return guard == null ? CircuitBreakerState.CLOSED : guard.state;
    }
}
