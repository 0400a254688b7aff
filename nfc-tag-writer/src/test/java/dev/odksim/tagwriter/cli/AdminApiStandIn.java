package dev.odksim.tagwriter.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A faithful stand-in for the simulator's admin API as provisioning uses it (docs/api.md): admin Bearer
 * token, {@code GET …/locks} (200 list), {@code POST …/tags} (201 {tagId, lockId, url, mode}),
 * problem+json errors. Records the bodies it was sent.
 */
final class AdminApiStandIn implements AutoCloseable {

    static final String TOKEN = "admin-secret";

    final HttpServer server;
    final List<String> createdBodies = new CopyOnWriteArrayList<>();
    volatile int nextTag = 1;

    AdminApiStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/admin/v1/projects/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"admin token required\"}");
            return;
        }
        if (!path.startsWith("/api/admin/v1/projects/demo/")) {
            send(ex, 404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no project\"}");
            return;
        }
        if (path.endsWith("/locks") && ex.getRequestMethod().equals("GET")) {
            send(ex, 200, "[{\"id\":\"demo-front-door\",\"name\":\"Front door\"},{\"id\":\"demo-storage\",\"name\":\"Storage room\"}]");
        } else if (path.endsWith("/tags") && ex.getRequestMethod().equals("POST")) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            createdBodies.add(body);
            if (!ex.getRequestHeaders().getFirst("Content-Type").startsWith("application/json")
                    || !body.matches("\\{\"lockId\":\"[a-z-]+\",\"chipUid\":\"[0-9A-F]{14}\",\"mode\":\"(none|ntag-mirror)\"}")) {
                send(ex, 400, "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"bad body " + body.replace("\"", "'") + "\"}");
                return;
            }
            String lockId = body.replaceAll(".*\"lockId\":\"([^\"]+)\".*", "$1");
            if (!lockId.startsWith("demo-")) {
                send(ex, 404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"lock " + lockId + " not found\"}");
                return;
            }
            String mode = body.replaceAll(".*\"mode\":\"([^\"]+)\".*", "$1");
            String tagId = "tag" + (nextTag++);
            send(ex, 201, "{\"tagId\":\"" + tagId + "\",\"lockId\":\"" + lockId + "\",\"url\":\"http://192.0.2.10:8080/t/"
                    + tagId + "\",\"mode\":\"" + mode + "\"}");
        } else {
            send(ex, 405, "{\"title\":\"Method Not Allowed\",\"status\":405}");
        }
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
