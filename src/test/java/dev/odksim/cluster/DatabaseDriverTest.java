package dev.odksim.cluster;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one datasource driver hands H2 URLs to H2 and PostgreSQL URLs to PostgreSQL (the same jar runs on both). */
class DatabaseDriverTest {

    private final DatabaseDriver driver = new DatabaseDriver();

    @Test
    void theDefaultH2UrlOpensAnEmbeddedH2Database() throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "odk");
        login.setProperty("password", "");
        try (Connection connection = driver.connect("jdbc:h2:mem:driver-test", login)) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("H2");
        }
    }

    @Test
    void aPostgresqlUrlGoesToThePostgresqlDriver() throws SQLException {
        assertThat(driver.acceptsURL("jdbc:postgresql://127.0.0.1:5432/odk")).isTrue();
        assertThat(driver.acceptsURL("jdbc:h2:file:./data/odk")).isTrue();
        assertThat(driver.acceptsURL("jdbc:mysql://localhost/odk")).isFalse();
        // A closed port: the PostgreSQL driver's own connection error, not H2's "unsupported URL".
        Properties login = new Properties();
        login.setProperty("connectTimeout", Long.toString(Duration.ofSeconds(2).toSeconds()));
        assertThatThrownBy(() -> driver.connect("jdbc:postgresql://127.0.0.1:1/odk", login))
                .isInstanceOf(org.postgresql.util.PSQLException.class);
    }

    @Test
    void leasePeriodsReadTheSchedulerSyntax() {
        assertThat(Leases.period("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Leases.period("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Leases.period("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Leases.period("PT90S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Leases.period("1d")).isEqualTo(Duration.ofDays(1));
    }
}
