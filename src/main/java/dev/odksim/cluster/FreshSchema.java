package dev.odksim.cluster;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A new embedded H2 database is created from {@value #SCRIPT}, the schema migrations V1 to V14 build, in one script,
 * and Flyway records a baseline at version {@value #VERSION} instead of replaying them: on H2 every one of their
 * ALTER TABLEs copies its table, and the replay was most of a first start's migration time (docs/benchmarks.md).
 * Migrations after V14 apply on top as on any database. Runs where Quarkus hands Flyway its configuration, before the
 * migration at start. Only embedded H2: no other process can create the schema at the same moment, and PostgreSQL
 * replays the migrations quickly.
 */
@Singleton
public class FreshSchema implements FlywayConfigurationCustomizer {

    static final String SCRIPT = "db/baseline/V14__schema.sql";
    static final String VERSION = "14";
    static final String DESCRIPTION = "schema of V1-V14 in one script";

    private static final Logger LOG = Logger.getLogger(FreshSchema.class);

    private final String jdbcUrl;

    FreshSchema(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        if (!DatabaseDriver.embeddedH2(jdbcUrl)) {
            return;
        }
        try (Connection connection = configuration.getDataSource().getConnection()) {
            if (createIfEmpty(connection)) {
                configuration.baselineOnMigrate(true).baselineVersion(VERSION).baselineDescription(DESCRIPTION);
                LOG.infof("Created the schema of version %s into the new database", VERSION);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the schema of the new database: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the schema when the database holds no table; returns whether it did. Tables without Flyway's history
     * are refused: they are not odk-sim's, or a first start stopped while creating them.
     */
    static boolean createIfEmpty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            int tables = 0;
            boolean history = false;
            try (ResultSet names = statement.executeQuery(
                    "select table_name from information_schema.tables where table_schema = current_schema")) {
                while (names.next()) {
                    tables++;
                    history |= names.getString(1).equalsIgnoreCase("flyway_schema_history");
                }
            }
            if (history) {
                return false;
            }
            if (tables > 0) {
                throw new IllegalStateException("The database has " + tables + " table(s) but no Flyway schema history:"
                        + " it is not odk-sim's, or its first start stopped while creating the schema; point odk-sim at an"
                        + " empty database (a new data directory)");
            }
            statement.execute("runscript from 'classpath:/" + SCRIPT + "'");
            return true;
        }
    }
}
