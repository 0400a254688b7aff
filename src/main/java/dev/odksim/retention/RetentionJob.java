package dev.odksim.retention;

import dev.odksim.cluster.Leases;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.SimClock;
import dev.odksim.key.KeyService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * Bounded retention (docs/design.md §3): a scheduled job, never in the request path, deletes expired keys, old decisions,
 * old access events, finished webhook deliveries and spent lock challenges after the periods of {@code odk.retention.*}, and
 * turns keys abandoned mid-mint into {@code error}. With several instances it runs once per period on one of them
 * (cluster/Leases). Deletes go in small batches, each its own short transaction, so the access path never
 * waits behind a long-held lock. Cut-offs use the simulator clock.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    @Inject
    OdkConfig config;
    @Inject
    SimClock clock;
    @Inject
    EntityManager em;
    @Inject
    KeyService keys;
    @Inject
    Leases leases;

    /** What one run deleted (and failed), for the log and for tests. */
    public record Purged(int keys, int decisions, int accessEvents, int challenges, int abandonedKeys, int webhookDeliveries) {
    }

    @Scheduled(every = "${odk.retention.every}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        // Once per cluster: every instance's scheduler fires, the holder of the period's lease runs it.
        leases.runOncePerPeriod("retention", Leases.period(config.retention().every()), () -> {
            Purged purged = run();
            if (purged.keys() + purged.decisions() + purged.accessEvents() + purged.abandonedKeys() + purged.webhookDeliveries() > 0) {
                LOG.infof("Retention: %s", purged);
            }
        });
    }

    public Purged run() {
        Instant now = clock.now();
        int abandoned = keys.failAbandoned();
        // Revoked keys are kept like expired ones: until their end is older than the period (the audit trail of a revocation).
        int purgedKeys = purge("select k.id from AccessKey k where k.end < :cutoff and k.state in ('issued', 'revoked', 'error')",
                "delete from AccessKey k where k.id in :ids", now.minus(config.retention().expiredKeys()));
        int decisions = purge("select d.id from Decision d where d.at < :cutoff", "delete from Decision d where d.id in :ids",
                now.minus(config.retention().decisions()));
        int events = purge("select e.id from AccessEvent e where e.at < :cutoff", "delete from AccessEvent e where e.id in :ids",
                now.minus(config.retention().accessEvents()));
        int challenges = purge("select c.nonce from LockChallenge c where c.expiresAt < :cutoff",
                "delete from LockChallenge c where c.nonce in :ids", now);
        // Finished webhook deliveries only (delivered or failed); their attempts go with them (ON DELETE CASCADE).
        int deliveries = purge("select d.id from WebhookDelivery d where d.createdAt < :cutoff and d.state <> 'pending'",
                "delete from WebhookDelivery d where d.id in :ids", now.minus(config.retention().webhookDeliveries()));
        return new Purged(purgedKeys, decisions, events, challenges, abandoned, deliveries);
    }

    /** Deletes the rows {@code select} finds, {@code odk.retention.batch-size} per transaction; returns how many. */
    private int purge(String select, String delete, Instant cutoff) {
        int total = 0;
        while (true) {
            int deleted = QuarkusTransaction.requiringNew().call(() -> {
                List<String> ids = em.createQuery(select, String.class).setParameter("cutoff", cutoff)
                        .setMaxResults(config.retention().batchSize()).getResultList();
                return ids.isEmpty() ? 0 : em.createQuery(delete).setParameter("ids", ids).executeUpdate();
            });
            total += deleted;
            if (deleted < config.retention().batchSize()) {
                return total;
            }
        }
    }
}
