package dev.odksim.common;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Reads what the database said when a write lost a race, through whatever wrapped it on the way up (a transactional
 * bean's undeclared-throwable wrapper, JTA's rollback, Hibernate's persistence exceptions): a unique or key constraint
 * that a concurrent request satisfied first is a 409; a row lock not granted in time, a deadlock or a serialisation
 * failure is a 503 with Retry-After. Either way the transaction was rolled back and nothing was half-written.
 */
public final class StorageConflicts {

    private StorageConflicts() {
    }

    /** The problem a storage exception stands for, or null if it is not one of the known lost-race shapes. */
    public static ProblemException asProblem(Throwable e) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof ProblemException problem) {
                return problem;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("23")) {
                    return new ProblemException(409, "Conflict", "A concurrent request changed the same data first; "
                            + "reload and try again if it still applies", null, "CONFLICT");
                }
                if (isBusy(sql)) {
                    return busy();
                }
            }
            String name = t.getClass().getName();
            if (name.endsWith("PessimisticLockException") || name.endsWith("LockTimeoutException")
                    || name.endsWith("OptimisticLockException") || name.endsWith("StaleObjectStateException")) {
                return busy();
            }
        }
        return null;
    }

    /** True if this SQL error is a constraint that a concurrent insert satisfied first (SQLSTATE class 23). */
    public static boolean isConstraintViolation(Throwable e) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /** True if this SQL error is a unique constraint (SQLSTATE 23505 on H2 and PostgreSQL): an insert race lost. */
    public static boolean isUniqueViolation(Throwable e) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** True if a message in the cause chain names this constraint (H2 upper-cases names, PostgreSQL does not). */
    public static boolean names(Throwable e, String constraint) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains(constraint)) {
                return true;
            }
        }
        return false;
    }

    // 40001 serialisation failure, 40P01 deadlock (PostgreSQL), 55P03 lock not available (PostgreSQL),
    // HYT00 lock timeout (H2), 90131 concurrent update (H2).
    private static boolean isBusy(SQLException sql) {
        String state = sql.getSQLState();
        return state.equals("40001") || state.equals("40P01") || state.equals("55P03") || state.equals("HYT00")
                || sql.getErrorCode() == 90131 || sql.getErrorCode() == 50200;
    }

    private static ProblemException busy() {
        return new ProblemException(503, "Busy", "The data was locked by concurrent requests for too long; try again",
                null, "BUSY").withRetryAfter(1L);
    }
}
