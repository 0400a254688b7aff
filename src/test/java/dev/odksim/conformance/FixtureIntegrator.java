package dev.odksim.conformance;

import com.sun.net.httpserver.HttpServer;
import dev.odksim.decision.CallerAuth;
import dev.odksim.decision.Target;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A decision endpoint for tests, on the JDK's own HTTP server: by default it implements the contract of docs/design.md §6 correctly (the
 * reference behaviour), and each broken fixture changes one thing about it. Query values are decoded the way most
 * frameworks do (a raw '+' becomes a space), so the '+' checks see realistic behaviour.
 */
final class FixtureIntegrator implements AutoCloseable {

    static final String KEY_HEADER = "X-Api-Key";
    static final String KEY = "fixture-secret-key-1234";
    static final String GRANT_LOCK = "front-door";
    static final String KARI = "+4712345678";
    static final String DENY_LOCK = "server-room";
    static final String OLA = "+4798765432";
    private static final Set<String> KNOWN = Set.of(KARI, OLA);

    /** What the endpoint was asked. {@code call} counts every request, starting at 1. */
    record Ask(String rawQuery, String lockId, String appUserId, String apiKey, int call) {
    }

    /** What it answers. */
    record Answer(int status, String contentType, String body, Map<String, String> headers) {
        static Answer json(int status, String body) {
            return new Answer(status, "application/json", body, Map.of());
        }

        Answer withBody(String value) {
            return new Answer(status, contentType, value, headers);
        }
    }

    interface Behaviour {
        Answer answer(Ask ask);
    }

    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    private FixtureIntegrator(Behaviour behaviour) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/check-access", exchange -> {
            String raw = exchange.getRequestURI().getRawQuery();
            Map<String, String> query = decode(raw);
            Answer answer = behaviour.answer(new Ask(raw, query.get("lockId"), query.get("appUserId"),
                    exchange.getRequestHeaders().getFirst(KEY_HEADER), calls.incrementAndGet()));
            byte[] body = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    static FixtureIntegrator serving(Behaviour behaviour) throws IOException {
        return new FixtureIntegrator(behaviour);
    }

    /** The contract of docs/design.md §6, correctly: auth, 400 for a malformed number, grant for Kari at the front door, deny otherwise. */
    static Answer conformant(Ask ask) {
        if (!KEY.equals(ask.apiKey())) {
            return Answer.json(401, "{\"error\":\"missing or wrong X-Api-Key\"}");
        }
        if (ask.lockId() == null || ask.appUserId() == null || !ask.appUserId().matches("\\+[1-9][0-9]{6,14}")) {
            return Answer.json(400, "{\"error\":\"appUserId must be E.164\"}");
        }
        boolean access = GRANT_LOCK.equals(ask.lockId()) && KARI.equals(ask.appUserId());
        return Answer.json(200, body(ask.lockId(), ask.appUserId(), access, access ? "{\"duration\":1800}" : null));
    }

    /** The conformant behaviour with one change applied to its answer. */
    static Behaviour conformantBut(UnaryOperator<Answer> change) {
        return ask -> change.apply(conformant(ask));
    }

    static String body(String lockId, String appUserId, boolean hasAccess, String keyData) {
        return "{\"lockId\":" + quote(lockId) + ",\"appUserId\":" + quote(appUserId) + ",\"hasAccess\":" + hasAccess
                + (keyData == null ? "" : ",\"keyData\":" + keyData) + "}";
    }

    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\u0000", "\\u0000") + "\"";
    }

    static boolean known(String phone) {
        return KNOWN.contains(phone);
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/check-access";
    }

    Endpoint endpoint() {
        return endpoint(new CallerAuth.ApiHeader(KEY_HEADER, KEY));
    }

    Endpoint endpoint(CallerAuth auth) {
        return new Endpoint(new Target(url(), auth, null, 1000, 3000, 65536), new Endpoint.Pair(GRANT_LOCK, KARI),
                new Endpoint.Pair(DENY_LOCK, OLA));
    }

    private static Map<String, String> decode(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.putIfAbsent(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
