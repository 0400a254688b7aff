package dev.odksim.cluster;

import dev.odksim.common.StorageConflicts;
import dev.odksim.common.Ids;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Scheduled jobs run once per cluster, not once per instance (docs/architecture.md, "Scheduled jobs on several
 * instances"): every instance's scheduler fires, and the one that takes the job's lease in table
 * {@code cluster_leases} runs it; the others skip. A lease is taken for nine tenths of the job's period and never
 * released early, so a job runs at most once per period whichever instances are up, and the next period's run goes
 * to whichever instance fires first once the lease has lapsed (an instance that stopped costs at most one period).
 * Lease times are wall-clock times (not the simulator clock, which time travel moves): instances need clocks kept in
 * step (NTP) to well within a period.
 */
@ApplicationScoped
public class Leases {

    private static final Logger LOG = Logger.getLogger(Leases.class);

    private final AgroalDataSource database;
    private final Instance instance;

    @Inject
    Leases(AgroalDataSource database, Instance instance) {
        this.database = database;
        this.instance = instance;
    }

    /** One recorded run of a job: which instance ran it, when. */
    public record Run(String job, String instanceId, Instant startedAt) {
    }

    /**
     * Runs {@code work} here if this instance takes {@code job}'s lease for this period; returns whether it ran.
     * The run is recorded in {@code cluster_job_runs} (runs older than a day are pruned on the way).
     */
    public boolean runOncePerPeriod(String job, Duration period, Runnable work) {
        if (!take(job, period)) {
            return false;
        }
        work.run();
        return true;
    }

    /** Takes the lease of {@code job} until nine tenths of {@code period} from now, if it has lapsed. */
    public boolean take(String job, Duration period) {
        Instant now = Instant.now();
        Instant until = now.plus(period.multipliedBy(9).dividedBy(10));
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                try (Connection connection = database.getConnection()) {
                    boolean won = extend(connection, job, now, until) || insert(connection, job, now, until);
                    if (won) {
                        record(connection, job, now);
                    }
                    return won;
                }
            });
        } catch (RuntimeException e) {
            if (StorageConflicts.isUniqueViolation(e)) {
                return false; // another instance inserted the first lease of this job at the same moment
            }
            throw e;
        }
    }

    /** The latest runs of {@code job}, newest first. */
    public List<Run> runs(String job, int limit) {
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select job, instance_id, started_at from cluster_job_runs where job = ? order by started_at desc")) {
            select.setString(1, job);
            select.setMaxRows(limit);
            List<Run> runs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    runs.add(new Run(rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant()));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the job runs", e);
        }
    }

    private boolean extend(Connection connection, String job, Instant now, Instant until) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update cluster_leases set holder = ?, acquired_at = ?, expires_at = ? where name = ? and expires_at <= ?")) {
            update.setString(1, instance.id());
            update.setTimestamp(2, Timestamp.from(now));
            update.setTimestamp(3, Timestamp.from(until));
            update.setString(4, job);
            update.setTimestamp(5, Timestamp.from(now));
            return update.executeUpdate() == 1;
        }
    }

    private boolean insert(Connection connection, String job, Instant now, Instant until) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("select 1 from cluster_leases where name = ?")) {
            exists.setString(1, job);
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return false; // held by someone, not lapsed
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into cluster_leases (name, holder, acquired_at, expires_at) values (?, ?, ?, ?)")) {
            insert.setString(1, job);
            insert.setString(2, instance.id());
            insert.setTimestamp(3, Timestamp.from(now));
            insert.setTimestamp(4, Timestamp.from(until));
            insert.executeUpdate();
            return true;
        }
    }

    private void record(Connection connection, String job, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into cluster_job_runs (id, job, instance_id, started_at) values (?, ?, ?, ?)")) {
            insert.setString(1, Ids.uuid());
            insert.setString(2, job);
            insert.setString(3, instance.id());
            insert.setTimestamp(4, Timestamp.from(now));
            insert.executeUpdate();
        }
        try (PreparedStatement prune = connection.prepareStatement("delete from cluster_job_runs where job = ? and started_at < ?")) {
            prune.setString(1, job);
            prune.setTimestamp(2, Timestamp.from(now.minus(Duration.ofDays(1))));
            prune.executeUpdate();
        }
        LOG.debugf("Job %s runs on %s", job, instance.id());
    }

    /**
     * A period in the Quarkus scheduler's {@code every} syntax ({@code 30s}, {@code 10m}, {@code 1h}, or ISO-8601
     * {@code PT1H}), for jobs whose period is configured that way.
     */
    public static Duration period(String every) {
        String value = every.strip();
        if (value.startsWith("P") || value.startsWith("p")) {
            return Duration.parse(value);
        }
        if (value.endsWith("d") || value.endsWith("D")) {
            return Duration.parse("P" + value.toUpperCase());
        }
        return Duration.parse("PT" + value.toUpperCase());
    }

}
