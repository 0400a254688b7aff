package dev.odksim.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.common.Ids;
import dev.odksim.decision.DecisionClient;
import dev.odksim.decision.DecisionClient.Call;
import dev.odksim.decision.DecisionClient.Failure;
import dev.odksim.decision.DecisionClient.Reply;
import dev.odksim.decision.DecisionClient.Response;
import dev.odksim.decision.DecisionResult;
import dev.odksim.decision.ResponseRules;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Supplier;

/**
 * Sends one request of the suite through the platform's own {@link DecisionClient} and judges the answer with the
 * platform's {@link ResponseRules}, so the validator sees exactly what a project would see.
 */
final class Prober {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DecisionClient client;
    private final Target target;
    private final Settings settings;
    private final Supplier<Instant> clock;

    Prober(DecisionClient client, Target target, Settings settings, Supplier<Instant> clock) {
        this.client = client;
        this.target = target;
        this.settings = settings;
        this.clock = clock;
    }

    Target target() {
        return target;
    }

    Settings settings() {
        return settings;
    }

    /** The headers the platform sends: the target's auth. */
    Map<String, String> auth() {
        return target.headers();
    }

    /** The auth headers with every value replaced by a wrong one of similar shape. */
    Map<String, String> wrongAuth() {
        Map<String, String> wrong = new LinkedHashMap<>();
        target.headers().forEach((name, value) -> wrong.put(name, "odk-sim-wrong-" + Ids.shortId(12)));
        return wrong;
    }

    /** A request exactly as the platform sends it. */
    Exchange send(String label, String lockId, String appUserId, Map<String, String> headers) {
        Call call = call(lockId, appUserId, headers);
        return exchange(label, call, DecisionClient.url(call));
    }

    /** A request with a query written by hand, e.g. with a raw {@code +}; lock and user say what the answer should echo. */
    Exchange sendRawQuery(String label, String rawQuery, String lockId, String appUserId, Map<String, String> headers) {
        Call call = call(lockId, appUserId, headers);
        return exchange(label, call, target.url() + "?" + rawQuery);
    }

    private Call call(String lockId, String appUserId, Map<String, String> headers) {
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put(DecisionClient.REQUEST_ID_HEADER, Ids.uuid());
        sent.putAll(headers);
        return new Call(target.url(), lockId, appUserId, sent, settings.connectTimeoutMs(), settings.timeoutMs(),
                settings.maxBodyBytes());
    }

    private Exchange exchange(String label, Call call, String url) {
        Reply reply = client.call(call, url);
        Set<String> secret = settings.revealSecrets() ? Set.of() : call.headers().keySet().stream()
                .filter(name -> call.headers().get(name).equals(target.headers().get(name))).collect(Collectors.toSet());
        Map<String, String> shown = DecisionClient.masked(call.headers(), secret);
        String curl = curl(url, call.headers(), secret);
        if (reply instanceof Response response) {
            DecisionResult result = ResponseRules.judge(new ResponseRules.Request(call.lockId(), call.appUserId(), clock.get(),
                    settings.defaultDurationSeconds(), settings.maxDurationSeconds()),
                    response.status(), response.contentType(), response.location(), response.body());
            String text = new String(response.body(), StandardCharsets.UTF_8);
            return new Exchange(label, "GET", url, shown, response.status(), response.contentType(), response.location(),
                    text.length() > Exchange.BODY_CHARS ? text.substring(0, Exchange.BODY_CHARS) + "…(cut)" : text,
                    response.body().length, reply.latencyMs(), result.outcome().name(), describe(result), curl, result,
                    parse(response.body()), call.lockId(), call.appUserId());
        }
        DecisionResult.Failed failed = ((Failure) reply).failure();
        return new Exchange(label, "GET", url, shown, null, null, null, null, null, reply.latencyMs(), failed.outcome().name(),
                failed.reason(), curl, failed, null, call.lockId(), call.appUserId());
    }

    private static String describe(DecisionResult result) {
        if (result instanceof DecisionResult.Granted granted) {
            return "key window " + granted.start() + " – " + granted.end() + (granted.reason() != null ? "; " + granted.reason() : "");
        }
        return result.reason();
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /**
     * A curl line that repeats the request. Secret header values become shell variables named after the header
     * ({@code X-Api-Key} → {@code $X_API_KEY}) unless secrets are revealed, so a report can be shared. A deliberately
     * wrong value is no secret and is shown as sent.
     */
    private String curl(String url, Map<String, String> headers, Set<String> secret) {
        StringBuilder line = new StringBuilder("curl -sS -i -g --max-time ").append(Math.max(1, settings.timeoutMs() / 1000))
                .append(" -H ").append(quote("Accept: application/json"))
                .append(" -H ").append(quote("User-Agent: " + DecisionClient.USER_AGENT));
        headers.forEach((name, value) -> {
            if (secret.contains(name)) {
                line.append(" -H \"").append(name).append(": $").append(variable(name)).append('"');
            } else {
                line.append(" -H ").append(quote(name + ": " + value));
            }
        });
        return line.append(' ').append(quote(url)).toString();
    }

    /** The shell variable a masked header's value is read from in curl lines. */
    static String variable(String headerName) {
        return headerName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
