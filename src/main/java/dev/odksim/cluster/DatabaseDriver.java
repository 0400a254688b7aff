package dev.odksim.cluster;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The datasource's JDBC driver: hands each connection to the H2 or the PostgreSQL driver by the URL's scheme, so one
 * packaged jar serves the embedded H2 default and a shared PostgreSQL server (docs/operations.md). Quarkus fixes the
 * driver class at build time; this is the one class it is fixed to ({@code quarkus.datasource.jdbc.driver}).
 */
public final class DatabaseDriver implements Driver {

    private static final String POSTGRESQL = "jdbc:postgresql:";

    private final Driver h2 = new org.h2.Driver();
    private final Driver postgresql = new org.postgresql.Driver();

    /** An H2 file or memory database opened by this process alone (no TCP server, no automatic mixed mode). */
    public static boolean embeddedH2(String jdbcUrl) {
        String url = jdbcUrl.toUpperCase(java.util.Locale.ROOT).replace(" ", "");
        return url.startsWith("JDBC:H2:") && !url.startsWith("JDBC:H2:TCP:") && !url.startsWith("JDBC:H2:SSL:")
                && !url.contains(";AUTO_SERVER=TRUE");
    }

    private Driver target(String url) {
        return url != null && url.startsWith(POSTGRESQL) ? postgresql : h2;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        return target(url).connect(url, info);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return target(url).acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return target(url).getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
