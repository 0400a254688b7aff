package dev.odksim.cluster;

import dev.odksim.testing.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What several instances share lives in the database (docs/operations.md), checked on the one test application by
 * writing the rows another instance would write: job leases, the clock offset, and a single-flight claim left behind
 * by an instance that was killed.
 */
@QuarkusTest
class ClusterStateTest {

    @Inject
    Leases leases;
    @Inject
    AgroalDataSource database;

    @AfterEach
    void realTime() {
        Api.travel(0);
    }

    @Test
    void aJobLeaseIsTakenByOneOfManySimultaneousSchedulersPerPeriod() throws Exception {
        String job = "test-job-" + UUID.randomUUID();
        int schedulers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(schedulers);
        try {
            List<Future<Boolean>> takes = new ArrayList<>();
            for (int i = 0; i < schedulers; i++) {
                takes.add(pool.submit(() -> {
                    start.await();
                    return leases.take(job, Duration.ofHours(1));
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> take : takes) {
                won += take.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(leases.take(job, Duration.ofHours(1))).as("again within the period").isFalse();
        assertThat(leases.runs(job, 10)).hasSize(1);
        // A lapsed lease (as at the next period) is taken again, and the run recorded.
        execute("update cluster_leases set expires_at = ? where name = ?", Timestamp.from(Instant.now().minusSeconds(1)), job);
        assertThat(leases.take(job, Duration.ofHours(1))).isTrue();
        assertThat(leases.runs(job, 10)).hasSize(2);
    }

    @Test
    void timeTravelIsOneValueForTheClusterAndAnotherInstancesChangeArrivesWithinTheBound() throws Exception {
        Api.travel(3600);
        assertThat(offsetInDatabase()).isEqualTo(3_600_000L);
        // Another instance travels: it writes the shared row; this instance sees it within odk.cluster.clock-refresh.
        execute("update sim_settings set long_value = ? where name = 'clock-offset-ms'", 7_200_000L);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Response clock = Api.admin().get("/api/sim/v1/clock");
        while (clock.<Integer>path("offsetSeconds") != 7200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            clock = Api.admin().get("/api/sim/v1/clock");
        }
        assertThat(clock.<Integer>path("offsetSeconds")).isEqualTo(7200);
    }

    @Test
    void aClaimLeftByAKilledInstanceLapsesAndTheRequestGoesAhead() throws Exception {
        String lock = Api.demoLockForKari();
        String kari = Api.login(Api.KARI);
        // The flight key of Kari's requests without a device: user|lock|device.
        String key = Api.KARI + "|" + lock + "|null";
        execute("insert into access_flights (flight_key, instance_id, started_at, expires_at) values (?, 'killed', ?, ?)",
                key, Timestamp.from(Instant.now().minusSeconds(120)), Timestamp.from(Instant.now().minusSeconds(60)));

        Response granted = Api.requestAccess(kari, lock);

        assertThat(granted.statusCode()).as(granted.asString()).isEqualTo(201);
        assertThat(count("select count(*) from access_flights where flight_key = ?", key)).as("claim released").isZero();
    }

    private long offsetInDatabase() throws Exception {
        return count("select long_value from sim_settings where name = ?", "clock-offset-ms");
    }

    private long count(String sql, Object... args) throws Exception {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private void execute(String sql, Object... args) throws Exception {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }
}
