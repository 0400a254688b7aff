package dev.odksim.access;

import dev.odksim.cluster.DatabaseDriver;
import dev.odksim.cluster.Instance;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.ProblemException;
import dev.odksim.common.StorageConflicts;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * Single flight across instances (docs/design.md §6.5): a row in {@code access_flights} (primary key = user, lock,
 * device) claims the decision while it runs, so parallel requests spread over several instances make one integrator
 * call. A request that finds the row taken waits until it is gone (polling the row, at most
 * {@code odk.cluster.flight-timeout}) and then looks again, finding the key the first one minted. The claim is
 * committed on its own before the integrator is called: no transaction is held during the call. A claim left by an
 * instance that stopped mid-decision lapses after {@code odk.cluster.flight-timeout}.
 * <p>
 * On an embedded H2 database no other process can reach the rows, so by default ({@code odk.cluster.flight-claims=auto})
 * no claim is written there: the in-process single flight of {@link AccessService} is the whole rule, and an on-demand
 * flow saves the claim's two commits. Created at start ({@link Startup}), so a wrong {@code odk.cluster.flight-claims}
 * stops the start with its message instead of failing the first access request.
 */
@Startup
@ApplicationScoped
class FlightClaims {

    private static final long FIRST_POLL_MS = 10;
    private static final long MAX_POLL_MS = 200;

    private final AgroalDataSource database;
    private final Instance instance;
    private final Duration timeout;

    private final boolean inDatabase;

    @Inject
    FlightClaims(AgroalDataSource database, Instance instance, OdkConfig config,
                 @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl) {
        this.database = database;
        this.instance = instance;
        this.timeout = config.cluster().flightTimeout();
        this.inDatabase = inDatabase(config.cluster().flightClaims(), jdbcUrl);
    }

    /** Whether claims are rows: always for {@code database}, never for {@code in-process}, unless embedded H2 for {@code auto}. */
    static boolean inDatabase(String mode, String jdbcUrl) {
        return switch (mode) {
            case "database" -> true;
            case "in-process" -> false;
            case "auto" -> !DatabaseDriver.embeddedH2(jdbcUrl);
            default -> throw new IllegalArgumentException("odk.cluster.flight-claims must be auto, database or in-process, not '" + mode + "'");
        };
    }

    <V> V holding(String key, Supplier<V> work) {
        if (!inDatabase) {
            return work.get();
        }
        Instant claimed = claim(key);
        try {
            return work.get();
        } finally {
            release(key, claimed);
        }
    }

    /** Waits for the claim; returns its start (the claim's identity with this instance's id). */
    private Instant claim(String key) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pollMs = FIRST_POLL_MS;
        while (true) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS); // stored and matched exactly on release
            if (tryClaim(key, now)) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new ProblemException(503, "Request in flight",
                        "Another request of this user for this lock is still waiting for the integrator; try again", null,
                        "IN_FLIGHT").withRetryAfter(1L);
            }
            try {
                Thread.sleep(pollMs); // waiting for another instance's transaction; there is nothing to block on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for a request in flight", e);
            }
            pollMs = Math.min(MAX_POLL_MS, pollMs * 2);
        }
    }

    /**
     * One insert in the common case (no row). Only when the row is taken is a lapsed claim (its instance stopped
     * mid-decision) deleted, and the insert tried once more.
     */
    private boolean tryClaim(String key, Instant now) {
        return insertClaim(key, now) || (deleteLapsed(key, now) && insertClaim(key, now));
    }

    private boolean insertClaim(String key, Instant now) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection connection = database.getConnection();
                     PreparedStatement insert = connection.prepareStatement(
                             "insert into access_flights (flight_key, instance_id, started_at, expires_at) values (?, ?, ?, ?)")) {
                    insert.setString(1, key);
                    insert.setString(2, instance.id());
                    insert.setTimestamp(3, Timestamp.from(now));
                    insert.setTimestamp(4, Timestamp.from(now.plus(timeout)));
                    insert.executeUpdate();
                } catch (SQLException e) {
                    throw new ClaimFailed(e);
                }
            });
            return true;
        } catch (RuntimeException e) {
            if (StorageConflicts.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes the claim on {@code key} if it lapsed; true if there was one. */
    private boolean deleteLapsed(String key, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = database.getConnection();
                 PreparedStatement lapsed = connection.prepareStatement("delete from access_flights where flight_key = ? and expires_at < ?")) {
                lapsed.setString(1, key);
                lapsed.setTimestamp(2, Timestamp.from(now));
                return lapsed.executeUpdate() > 0;
            } catch (SQLException e) {
                throw new ClaimFailed(e);
            }
        });
    }

    private void release(String key, Instant claimed) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = database.getConnection();
                 PreparedStatement delete = connection.prepareStatement(
                         "delete from access_flights where flight_key = ? and instance_id = ? and started_at = ?")) {
                delete.setString(1, key);
                delete.setString(2, instance.id());
                delete.setTimestamp(3, Timestamp.from(claimed));
                delete.executeUpdate();
            } catch (SQLException e) {
                throw new ClaimFailed(e);
            }
        });
    }


    private static final class ClaimFailed extends RuntimeException {
        ClaimFailed(SQLException cause) {
            super(cause);
        }
    }
}
