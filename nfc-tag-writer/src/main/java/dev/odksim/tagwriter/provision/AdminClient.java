package dev.odksim.tagwriter.provision;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of the simulator's admin API (docs/api.md) that provisioning needs: create a tag for a lock
 * with the chip UID, and look up lock names for the labels. Admin Bearer token on every call.
 */
public final class AdminClient {

    private final URI server;
    private final String token;
    private final HttpClient http;

    public AdminClient(String server, String token) {
        URI parsed;
        try {
            parsed = URI.create(server.endsWith("/") ? server : server + "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad --server URL '" + server + "': " + e.getMessage());
        }
        if (parsed.getScheme() == null || parsed.getHost() == null) {
            throw new IllegalArgumentException("bad --server URL '" + server + "': expected e.g. http://localhost:8080");
        }
        this.server = parsed;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** POST /api/admin/v1/projects/{P}/tags {lockId, chipUid, mode}; 201 expected. */
    public ProvisionedTag createTag(String projectId, String lockId, String chipUid, String mode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lockId", lockId);
        body.put("chipUid", chipUid);
        body.put("mode", mode);
        HttpResponse<String> response = send(HttpRequest.newBuilder(projectUri(projectId, "tags"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))), "create the tag for lock " + lockId);
        Map<String, Object> tag = parseObject(response.body(), "tags");
        Object url = tag.get("url");
        Object tagId = tag.get("tagId");
        if (url == null || tagId == null) {
            throw new ServerException("server answered without tagId/url when creating a tag: " + response.body());
        }
        return new ProvisionedTag(tagId.toString(), String.valueOf(tag.getOrDefault("lockId", lockId)), url.toString(),
                String.valueOf(tag.getOrDefault("mode", mode)));
    }

    /** GET /api/admin/v1/projects/{P}/locks as lock id → name (a list, or an object holding one). */
    public Map<String, String> lockNames(String projectId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(projectUri(projectId, "locks")).GET(),
                "list the locks of project " + projectId);
        Object parsed;
        try {
            parsed = JSON.std.anyFrom(response.body());
        } catch (IOException e) {
            throw new ServerException("server answered the lock list with invalid JSON: " + e.getMessage());
        }
        if (parsed instanceof Map<?, ?> map) {
            Object inner = map.values().stream().filter(List.class::isInstance).findFirst().orElse(null);
            parsed = inner;
        }
        Map<String, String> names = new HashMap<>();
        if (parsed instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> lock && lock.get("id") != null) {
                    names.put(lock.get("id").toString(), String.valueOf(lock.get("name")));
                }
            }
        }
        return names;
    }

    private URI projectUri(String projectId, String collection) {
        return server.resolve("api/admin/v1/projects/" + URLEncoder.encode(projectId, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/" + collection);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        HttpRequest built = request.header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ServerException("cannot reach server " + server + " to " + what + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException("interrupted while trying to " + what, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ServerException("server refused to " + what + ": HTTP " + response.statusCode()
                    + problemDetail(response.body()));
        }
        return response;
    }

    /** The problem+json title/detail of an error answer, if there is one. */
    private static String problemDetail(String body) {
        try {
            Map<String, Object> problem = JSON.std.mapFrom(body);
            Object detail = problem.getOrDefault("detail", problem.get("title"));
            return detail == null ? "" : " (" + detail + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static Map<String, Object> parseObject(String body, String what) {
        try {
            return JSON.std.mapFrom(body);
        } catch (IOException e) {
            throw new ServerException("server answered " + what + " with invalid JSON: " + e.getMessage());
        }
    }

    private static String json(Map<String, Object> body) {
        try {
            return JSON.std.asString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
