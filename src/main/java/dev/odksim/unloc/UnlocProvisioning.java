package dev.odksim.unloc;

import dev.odksim.common.SimClock;
import dev.odksim.key.KeyService;
import dev.odksim.key.KeyState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Unloc's asynchronous provisioning, simulated: a {@code /v2} key whose {@code readyAt} (simulator clock) has passed
 * leaves {@code creating}, signed and issued or in {@code error} as the fault knob planned. Everything it needs is in the
 * database, so it runs every second, and once at start-up: a restart in the middle of a batch leaves no key creating.
 * Several instances may run it at once; the row lock in {@link KeyService#completeProvisioning} finishes each key once.
 */
@ApplicationScoped
public class UnlocProvisioning {

    private static final Logger LOG = Logger.getLogger(UnlocProvisioning.class);
    private static final int CHUNK = 500;

    @Inject
    KeyService keys;
    @Inject
    SimClock clock;
    @Inject
    EntityManager em;

    /** After the signing keys are loaded (their observer has the default priority). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        int finished = provisionDue();
        if (finished > 0) {
            LOG.infof("Finished the provisioning of %d /v2 key(s) left creating by the last run", finished);
        }
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        provisionDue();
    }

    /**
     * Finishes every due key, {@value #CHUNK} per transaction, oldest first; returns how many it finished. One run at a
     * time in this instance (the start-up run and the ticks would only wait on each other's row locks); nothing before
     * the signing keys are loaded.
     */
    public synchronized int provisionDue() {
        if (!keys.signingReady()) {
            return 0;
        }
        int total = 0;
        while (true) {
            List<String> due = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                            "select k.id from AccessKey k where k.state = :creating and k.jobRef is not null and k.readyAt <= :now order by k.seq",
                            String.class)
                    .setParameter("creating", KeyState.CREATING.wire()).setParameter("now", clock.now())
                    .setMaxResults(CHUNK).getResultList());
            if (due.isEmpty()) {
                return total;
            }
            try {
                total += QuarkusTransaction.requiringNew().call(() -> (int) due.stream().filter(keys::completeProvisioning).count());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Provisioning of %d /v2 key(s) failed; retried on the next run", due.size());
                return total;
            }
            if (due.size() < CHUNK) {
                return total;
            }
        }
    }
}
