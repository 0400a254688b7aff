package dev.odksim.cluster;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A new embedded H2 database created from the baseline script ends up exactly where the migrations take one. */
class FreshSchemaTest {

    @Test
    void theBaselineScriptBuildsTheSchemaTheMigrationsBuild() throws SQLException {
        JdbcDataSource migrated = database();
        flyway(migrated).load().migrate();

        JdbcDataSource fresh = database();
        FluentConfiguration configuration = flyway(fresh);
        new FreshSchema("jdbc:h2:mem:fresh").customize(configuration);
        assertThat(configuration.getBaselineVersion().getVersion()).isEqualTo(FreshSchema.VERSION);
        configuration.load().migrate();

        assertThat(describe(fresh)).isEqualTo(describe(migrated)).hasSizeGreaterThan(300);
    }

    @Test
    void flywayBaselinesTheFreshDatabaseAndAppliesOnlyLaterMigrations() throws SQLException {
        JdbcDataSource fresh = database();
        FluentConfiguration configuration = flyway(fresh);
        new FreshSchema("jdbc:h2:mem:fresh").customize(configuration);
        configuration.load().migrate();

        FluentConfiguration again = flyway(fresh);
        new FreshSchema("jdbc:h2:mem:fresh").customize(again);
        assertThat(again.isBaselineOnMigrate()).as("a restart: the history is there, nothing is created").isFalse();
        Flyway restarted = again.load();
        restarted.validate();
        assertThat(restarted.migrate().migrationsExecuted).isZero();
        MigrationInfo baseline = Arrays.stream(restarted.info().applied()).filter(m -> m.getType().isBaseline()).findFirst().orElseThrow();
        assertThat(baseline.getVersion().getVersion()).isEqualTo(FreshSchema.VERSION);
        assertThat(baseline.getDescription()).isEqualTo(FreshSchema.DESCRIPTION);
        assertThat(restarted.info().applied()).allMatch(m -> m.getType().isBaseline()
                || m.getVersion().isNewerThan(FreshSchema.VERSION));
    }

    @Test
    void tablesWithoutAHistoryAreRefusedAndKept() throws SQLException {
        JdbcDataSource foreign = database();
        try (Connection c = foreign.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table someone_elses (id int primary key)");
            s.execute("insert into someone_elses values (7)");
        }
        FluentConfiguration configuration = flyway(foreign);
        assertThatThrownBy(() -> new FreshSchema("jdbc:h2:mem:foreign").customize(configuration))
                .hasMessageContaining("has 1 table(s) but no Flyway schema history");
        assertThat(configuration.isBaselineOnMigrate()).isFalse();
        assertThat(rows(foreign, "select id from someone_elses")).containsExactly(List.of("7"));
        assertThat(rows(foreign, "select count(*) from information_schema.tables where table_schema = current_schema"))
                .containsExactly(List.of("1"));
    }

    @Test
    void onlyAnEmbeddedH2DatabaseIsCreatedFromTheScript() throws SQLException {
        JdbcDataSource database = database();
        FluentConfiguration configuration = flyway(database);
        new FreshSchema("jdbc:h2:tcp://localhost/odk").customize(configuration);
        new FreshSchema("jdbc:postgresql://localhost/odk").customize(configuration);
        assertThat(configuration.isBaselineOnMigrate()).isFalse();
        assertThat(rows(database, "select count(*) from information_schema.tables where table_schema = current_schema"))
                .containsExactly(List.of("0"));
    }

    private static JdbcDataSource database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    private static FluentConfiguration flyway(JdbcDataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    }

    /**
     * Every column, index, constraint and seeded row, one line each and sorted; names H2 generates (for unnamed
     * constraints and their indexes) are left out, since the two roads number them differently.
     */
    private static List<String> describe(JdbcDataSource database) throws SQLException {
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows(database, """
                select table_name, column_name, ordinal_position, data_type, character_maximum_length, numeric_precision,
                       is_nullable, column_default, is_identity
                from information_schema.columns where table_schema = current_schema and table_name <> 'flyway_schema_history'""")) {
            lines.add("column " + row);
        }
        for (List<String> row : rows(database, """
                select i.table_name, case when i.index_name like 'PRIMARY_KEY_%' or i.index_name like 'CONSTRAINT_%'
                       or i.index_name like 'FK_%' then '*' else i.index_name end, i.index_type_name,
                       listagg(c.column_name || ' ' || c.ordering_specification || ' ' || c.null_ordering, ', ')
                           within group (order by c.ordinal_position)
                from information_schema.indexes i join information_schema.index_columns c
                  on c.index_schema = i.index_schema and c.index_name = i.index_name and c.table_name = i.table_name
                where i.table_schema = current_schema and i.table_name <> 'flyway_schema_history'
                group by i.table_name, i.index_name, i.index_type_name""")) {
            lines.add("index " + row);
        }
        for (List<String> row : rows(database, """
                select t.table_name, t.constraint_type, case when t.constraint_name like 'CONSTRAINT_%' then '*'
                       else t.constraint_name end,
                       (select listagg(k.column_name, ', ') within group (order by k.ordinal_position)
                          from information_schema.key_column_usage k
                         where k.constraint_schema = t.constraint_schema and k.constraint_name = t.constraint_name),
                       (select u.table_name || ' ' || listagg(u.column_name, ', ') within group (order by u.ordinal_position)
                          from information_schema.referential_constraints r
                          join information_schema.key_column_usage u
                            on u.constraint_schema = r.unique_constraint_schema and u.constraint_name = r.unique_constraint_name
                         where r.constraint_schema = t.constraint_schema and r.constraint_name = t.constraint_name
                         group by u.table_name),
                       (select r.delete_rule || ' ' || r.update_rule from information_schema.referential_constraints r
                         where r.constraint_schema = t.constraint_schema and r.constraint_name = t.constraint_name)
                from information_schema.table_constraints t
                where t.table_schema = current_schema and t.table_name <> 'flyway_schema_history'""")) {
            lines.add("constraint " + row);
        }
        lines.add("mutexes " + rows(database, "select name from mutexes order by name"));
        lines.add("sim_settings " + rows(database, "select name, long_value from sim_settings order by name"));
        lines.sort(null);
        return lines;
    }

    private static List<List<String>> rows(JdbcDataSource database, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
