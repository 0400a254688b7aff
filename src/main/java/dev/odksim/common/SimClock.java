package dev.odksim.common;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one clock every time decision goes through (docs/design.md §4). Time travel shifts it by an offset so a
 * tester can watch a key expire without waiting. The offset is one value for every instance sharing the database
 * (table {@code sim_settings}); each instance reads it at most {@code odk.cluster.clock-refresh} old, so time travel
 * through one instance reaches the others within that bound, and the instance that travelled sees it at once.
 */
@ApplicationScoped
public class SimClock {

    private static final Logger LOG = Logger.getLogger(SimClock.class);
    private static final String OFFSET = "clock-offset-ms";

    private final AgroalDataSource database;
    private final long refreshNanos;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Duration offset = Duration.ZERO;
    private volatile long readAtNanos;
    private volatile boolean read;

    @Inject
    SimClock(AgroalDataSource database, OdkConfig config) {
        this.database = database;
        this.refreshNanos = config.cluster().clockRefresh().toNanos();
    }

    /** Now, shifted by the time-travel offset, at millisecond precision (the wire precision). */
    public Instant now() {
        return Instant.now().plus(offset()).truncatedTo(ChronoUnit.MILLIS);
    }

    public Duration offset() {
        if (!read || System.nanoTime() - readAtNanos > refreshNanos) {
            refresh();
        }
        return offset;
    }

    /** Sets the offset for the whole cluster (stored before it is used here). */
    public void setOffset(Duration value) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = database.getConnection();
                 PreparedStatement update = connection.prepareStatement("update sim_settings set long_value = ? where name = ?")) {
                update.setLong(1, value.toMillis());
                update.setString(2, OFFSET);
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("sim_settings has no " + OFFSET + " row (migration V12 not applied?)");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot store the clock offset", e);
            }
        });
        offset = value;
        readAtNanos = System.nanoTime();
        read = true;
    }

    /** One thread reads; the others keep answering with the value they have (at most one read old). */
    private void refresh() {
        boolean mine = refreshing.compareAndSet(false, true);
        if (!mine && read) {
            return;
        }
        // Nothing read yet, or this thread's turn: read.
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement("select long_value from sim_settings where name = ?")) {
            select.setString(1, OFFSET);
            try (ResultSet row = select.executeQuery()) {
                offset = row.next() ? Duration.ofMillis(row.getLong(1)) : Duration.ZERO;
            }
            readAtNanos = System.nanoTime();
            read = true;
        } catch (SQLException e) {
            // Fail loudly rather than run on a clock that may disagree with the other instances.
            throw new IllegalStateException("Cannot read the clock offset from the database", e);
        } finally {
            if (mine) {
                refreshing.set(false);
            }
        }
    }
}
