import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;

/**
 * Fills a stopped simulator's H2 file database with bulk data (docs/benchmarks.md), with set-based SQL, not the API:
 *   java -cp 'target/quarkus-app/lib/main/*' bench/SeedDb.java DATA_DIR [KEYS] [DECISIONS] [USERS]
 * (defaults 1,000,000 keys, 1,000,000 decisions, 100,000 users). The database must exist (start the simulator on
 * DATA_DIR once, so Flyway creates the schema and the demo data, and stop it). It adds:
 *   - USERS phone numbers, each a reference-integrator worker with a task and an app session;
 *   - 1,000 locks in the demo project, in 100 reference-integrator locations;
 *   - KEYS keys of the demo project over those users and locks (issued, expired, revoked; ends within the key
 *     retention period, so the retention job leaves them);
 *   - DECISIONS decisions spread over 200 further projects, within each project's retention bound.
 * Everything it adds has ids starting with "seed-", phone numbers +4790xxxxxx / +4791xxxxxx (not used by tests).
 */
public class SeedDb {

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java -cp 'target/quarkus-app/lib/main/*' bench/SeedDb.java DATA_DIR [KEYS] [DECISIONS] [USERS]");
            System.exit(3);
        }
        String dir = args[0];
        long keys = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        long decisions = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        long users = args.length > 3 ? Long.parseLong(args[3]) : 100_000;
        String token = "eyJhbGciOiJFUzI1NiJ9." + "x".repeat(400) + ".sig";
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir + "/odk;DB_CLOSE_ON_EXIT=FALSE", "odk", "");
             Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            chunked(s, "users: integrator workers", users, "insert into integrator_workers (id, name, phone) select 'seed-w-' || x, 'Seed worker ' || x,"
                    + " '+479' || lpad(cast(x as varchar), 7, '0') from system_range(%d, %d)");
            step(s, "locks", "insert into locks (id, project_id, name, vendor, created_at) select 'seed-lock-' || x, 'demo',"
                    + " 'Seed lock ' || x, 'virtual', current_timestamp from system_range(0, 999)");
            step(s, "integrator locations", "insert into integrator_locations (id, name) select 'seed-loc-' || x, 'Seed location ' || x"
                    + " from system_range(0, 99)");
            step(s, "location locks", "insert into integrator_location_locks (location_id, lock_id) select 'seed-loc-' || mod(x, 100),"
                    + " 'seed-lock-' || x from system_range(0, 999)");
            chunked(s, "tasks (one per worker)", users, "insert into integrator_tasks (id, worker_id, location_id, title, start_at, end_at)"
                    + " select 'seed-t-' || x, 'seed-w-' || x, 'seed-loc-' || mod(x, 100), 'Seed task',"
                    + " dateadd('HOUR', -mod(x, 48), current_timestamp), dateadd('HOUR', 8 - mod(x, 48), current_timestamp)"
                    + " from system_range(%d, %d)");
            chunked(s, "app sessions (one per user)", users, "insert into app_sessions (token_hash, app_user_id, device_id, created_at, expires_at,"
                    + " login_method, project_id) select 'seed-session-' || x, '+479' || lpad(cast(x as varchar), 7, '0'),"
                    + " 'seed-device-' || x, dateadd('DAY', -1, current_timestamp), dateadd('DAY', mod(x, 3) - 1, current_timestamp), 'otp', 'demo'"
                    + " from system_range(%d, %d)");
            chunked(s, "keys", keys, "insert into access_keys (id, project_id, lock_id, app_user_id, start_at, end_at, state, source, decision_id,"
                    + " token, created_at, signing_kid) select 'seed-k-' || x, 'demo', 'seed-lock-' || mod(x, 1000),"
                    + " '+479' || lpad(cast(mod(x, " + users + ") as varchar), 7, '0'),"
                    + " dateadd('MINUTE', -mod(x, 40000), current_timestamp), dateadd('MINUTE', 30 - mod(x, 40000), current_timestamp),"
                    + " case when mod(x, 50) = 0 then 'revoked' else 'issued' end, 'on-demand', 'seed-d-' || x, '" + token + "',"
                    + " dateadd('MINUTE', -mod(x, 40000), current_timestamp), 'seed-kid' from system_range(%d, %d)");
            step(s, "projects for the decisions", "insert into projects (id, name, created_at) select 'seed-p-' || x, 'Seed project ' || x,"
                    + " current_timestamp from system_range(0, 199)");
            chunked(s, "decisions", decisions, "insert into decisions (id, project_id, lock_id, app_user_id, outcome, reason, http_status, latency_ms, at,"
                    + " request, response_body, response_content_type) select 'seed-d-' || x, 'seed-p-' || mod(x, 200), 'seed-lock-' || mod(x, 1000),"
                    + " '+479' || lpad(cast(mod(x, " + users + ") as varchar), 7, '0'), case when mod(x, 5) = 0 then 'DENIED' else 'GRANTED' end,"
                    + " 'the integrator answered', 200, mod(x, 90), dateadd('SECOND', -mod(x, 2000000), current_timestamp),"
                    + " '{\"method\":\"GET\",\"url\":\"https://integrator.example/check-access?lockId=seed-lock&appUserId=%%2B4790000000\","
                    + "\"headers\":{\"Accept\":\"application/json\",\"X-Api-Key\":\"****1234\"},\"connectTimeoutMs\":1000,\"timeoutMs\":3000,\"sent\":true}',"
                    + " '{\"hasAccess\":true,\"start\":\"2026-01-01T00:00:00Z\",\"end\":\"2026-01-01T01:00:00Z\"}', 'application/json'"
                    + " from system_range(%d, %d)");
            step(s, "statistics", "analyze");
            explain(s);
        }
    }

    /** H2's plan for each query of the hot paths, on the seeded data, with realistic values. */
    static void explain(Statement s) throws Exception {
        String user = "'+4790012345'";
        String[][] queries = {
                {"app session of the bearer token (AppAuthFilter)", "select * from app_sessions where token_hash = 'seed-session-12345'"},
                {"lock by id", "select * from locks where id = 'seed-lock-345'"},
                {"on-demand configuration", "select * from on_demand_configs where project_id = 'demo'"},
                {"existing key (KeyService.activeKey)", "select * from access_keys where app_user_id = " + user + " and lock_id = 'seed-lock-345'"
                        + " and state = 'issued' and start_at <= current_timestamp and end_at > current_timestamp and cnf_thumbprint is null"
                        + " order by end_at desc limit 1"},
                {"issue a reserved key (KeyService.issue)", "update access_keys set token = 't', signing_kid = 'k', state = 'issued'"
                        + " where id = 'seed-k-1' and state = 'creating'"},
                {"reference integrator: worker by phone", "select * from integrator_workers where phone = " + user},
                {"reference integrator: active tasks at the lock", "select t.* from integrator_tasks t, integrator_locations l,"
                        + " integrator_location_locks ll where t.worker_id = 'seed-w-12345' and t.location_id = l.id and ll.location_id = l.id"
                        + " and ll.lock_id = 'seed-lock-345' and t.start_at <= current_timestamp and t.end_at > current_timestamp"},
                {"decision log page (admin)", "select * from decisions where project_id = 'seed-p-7' order by at desc, id desc limit 50"},
                {"retention: decision-log boundary", "select at, id from decisions where project_id = 'seed-p-7' order by at desc, id desc"
                        + " offset 5000 rows fetch next 1 rows only"},
                {"retention: old decisions", "select id from decisions where at < dateadd('DAY', -30, current_timestamp) limit 500"},
                {"retention: expired keys", "select id from access_keys where end_at < dateadd('DAY', -30, current_timestamp)"
                        + " and state in ('issued', 'revoked', 'error') limit 500"},
        };
        System.out.println();
        for (String[] q : queries) {
            try (var rs = s.executeQuery("explain " + q[1])) {
                rs.next();
                System.out.println("-- " + q[0] + "\n" + rs.getString(1).replaceAll("\\s+", " ").strip() + "\n");
            }
        }
    }

    /**
     * One set-based insert per chunk of CHUNK rows, each its own transaction: H2 keeps a whole transaction's undo log,
     * so a single million-row statement slows to a crawl (it ran for half an hour), while chunks keep a steady pace.
     * {@code sql} holds two {@code %d} for the first and last row of a chunk.
     */
    static void chunked(Statement s, String what, long total, String sql) throws Exception {
        long t = System.nanoTime();
        long rows = 0;
        for (long from = 0; from < total; from += CHUNK) {
            rows += s.executeUpdate(String.format(Locale.ROOT, sql, from, Math.min(total, from + CHUNK) - 1));
        }
        System.out.printf(Locale.ROOT, "%-32s %9d rows in %6.1f s%n", what, rows, (System.nanoTime() - t) / 1e9);
    }

    static final long CHUNK = 20_000;

    static void step(Statement s, String what, String sql) throws Exception {
        long t = System.nanoTime();
        int rows = s.executeUpdate(sql);
        System.out.printf(Locale.ROOT, "%-32s %9d rows in %6.1f s%n", what, rows, (System.nanoTime() - t) / 1e9);
    }
}
