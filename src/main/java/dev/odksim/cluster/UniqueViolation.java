package dev.odksim.cluster;

import java.sql.SQLException;

/** Recognises a lost insert race (a unique constraint), on H2 and PostgreSQL alike (SQLSTATE 23505). */
public final class UniqueViolation {

    private static final String SQLSTATE = "23505";

    private UniqueViolation() {
    }

    /** Whether {@code e} or one of its causes is a unique-constraint violation. */
    public static boolean in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && SQLSTATE.equals(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
