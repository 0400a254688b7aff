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

    /** A decision at a project's retention boundary: it and everything older goes. */
    private record Boundary(String projectId, Instant at, String id) {
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
        // Every stored state but creating (issued, revoked, error), written as "<> 'creating'" so the planner walks
        // access_keys_end over the old ends instead of the state index over nearly every key (docs/benchmarks.md).
        int purgedKeys = purge("select k.id from AccessKey k where k.end < :cutoff and k.state <> 'creating'",
                "delete from AccessKey k where k.id in :ids", now.minus(config.retention().expiredKeys()));
        int decisions = purge("select d.id from Decision d where d.at < :cutoff", "delete from Decision d where d.id in :ids",
                now.minus(config.retention().decisions())) + pruneDecisionLogs();
        int events = purge("select e.id from AccessEvent e where e.at < :cutoff", "delete from AccessEvent e where e.id in :ids",
                now.minus(config.retention().accessEvents()));
        int challenges = purge("select c.nonce from LockChallenge c where c.expiresAt < :cutoff",
                "delete from LockChallenge c where c.nonce in :ids", now);
        // Finished webhook deliveries only (delivered or failed); their attempts go with them (ON DELETE CASCADE).
        int deliveries = purge("select d.id from WebhookDelivery d where d.createdAt < :cutoff and d.state <> 'pending'",
                "delete from WebhookDelivery d where d.id in :ids", now.minus(config.retention().webhookDeliveries()));
        return new Purged(purgedKeys, decisions, events, challenges, abandoned, deliveries);
    }

    /**
     * Each project keeps only its newest {@code decisionRetention} decisions. This used to run on every recorded
     * decision; here it runs once per project per job run: one index walk to the boundary, then batched deletes.
     * Between runs the admin listing shows at most the bound (DecisionService.recent), so the log reads the same.
     */
    public int pruneDecisionLogs() {
        List<Object[]> bounds = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select c.projectId, c.decisionRetention from OnDemandConfig c", Object[].class).getResultList());
        int total = 0;
        for (Object[] bound : bounds) {
            String projectId = (String) bound[0];
            int retention = (Integer) bound[1];
            Boundary boundary = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                            "select d.at, d.id from Decision d where d.projectId = :project order by d.at desc, d.id desc", Object[].class)
                    .setParameter("project", projectId).setFirstResult(retention).setMaxResults(1).getResultStream()
                    .map(row -> new Boundary(projectId, (Instant) row[0], (String) row[1])).findFirst().orElse(null));
            if (boundary != null) {
                total += purgeBatches(() -> em.createQuery("select d.id from Decision d where d.projectId = :project"
                                + " and (d.at < :at or (d.at = :at and d.id <= :id))", String.class)
                        .setParameter("project", boundary.projectId()).setParameter("at", boundary.at()).setParameter("id", boundary.id())
                        .setMaxResults(config.retention().batchSize()).getResultList(), "delete from Decision d where d.id in :ids");
            }
        }
        return total;
    }

    /** Deletes the rows {@code select} finds, {@code odk.retention.batch-size} per transaction; returns how many. */
    private int purge(String select, String delete, Instant cutoff) {
        return purgeBatches(() -> em.createQuery(select, String.class).setParameter("cutoff", cutoff)
                .setMaxResults(config.retention().batchSize()).getResultList(), delete);
    }

    /** Deletes the ids {@code batch} finds, one transaction per batch, until a batch comes back short. */
    private int purgeBatches(java.util.function.Supplier<List<String>> batch, String delete) {
        int total = 0;
        while (true) {
            int deleted = QuarkusTransaction.requiringNew().call(() -> {
                List<String> ids = batch.get();
                return ids.isEmpty() ? 0 : em.createQuery(delete).setParameter("ids", ids).executeUpdate();
            });
            total += deleted;
            if (deleted < config.retention().batchSize()) {
                return total;
            }
        }
    }
}
