package dev.odksim.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odksim.common.Ids;
import dev.odksim.common.PercentEncoding;
import dev.odksim.decision.CallerAuth;
import dev.odksim.decision.CurlLine;
import dev.odksim.decision.DecisionRequester;
import dev.odksim.decision.DecisionTransport;
import dev.odksim.decision.DecisionTransport.Failure;
import dev.odksim.decision.DecisionTransport.Response;
import dev.odksim.decision.DecisionResult;
import dev.odksim.decision.ResponseRules;
import dev.odksim.decision.Target;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Sends one request of the suite through the platform's own {@link DecisionRequester} (transport, auth, signing) and
 * judges the answer with the platform's {@link ResponseRules}, so the validator sees exactly what a project would.
 */
final class Prober {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DecisionRequester caller;
    private final Endpoint endpoint;
    private final Settings settings;
    private final Supplier<Instant> clock;

    Prober(DecisionRequester caller, Endpoint endpoint, Settings settings, Supplier<Instant> clock) {
        this.caller = caller;
        this.endpoint = endpoint;
        this.settings = settings;
        this.clock = clock;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** The auth the platform sends. */
    CallerAuth auth() {
        return endpoint.target().auth();
    }

    /** The same kind of auth with wrong values; null when there is no auth to get wrong. */
    CallerAuth wrongAuth() {
        CallerAuth auth = auth();
        String wrong = "odk-sim-wrong-" + Ids.shortId(12);
        if (auth instanceof CallerAuth.ApiHeader one) {
            return new CallerAuth.ApiHeader(one.name(), wrong);
        }
        if (auth instanceof CallerAuth.ApiHeaders many) {
            Map<String, String> values = new LinkedHashMap<>();
            many.values().keySet().forEach(name -> values.put(name, wrong));
            return new CallerAuth.ApiHeaders(values);
        }
        if (auth instanceof CallerAuth.OAuth2) {
            return new CallerAuth.ApiHeader("Authorization", "Bearer " + wrong);
        }
        return null;
    }

    /** A request exactly as the platform sends it, with {@code auth} instead of the endpoint's. */
    Evidence send(String label, String lockId, String appUserId, CallerAuth auth) {
        Target target = with(auth);
        return evidence(label, target, DecisionRequester.url(target, lockId, appUserId), lockId, appUserId);
    }

    /** A request with a query written by hand, e.g. with a raw {@code +}; lock and user say what the answer should echo. */
    Evidence sendRawQuery(String label, String rawQuery, String lockId, String appUserId) {
        Target target = endpoint.target();
        return evidence(label, target, target.url() + "?" + rawQuery, lockId, appUserId);
    }

    private Target with(CallerAuth auth) {
        Target t = endpoint.target();
        return new Target(t.url(), auth, t.signingSecret(), t.connectTimeoutMs(), t.timeoutMs(), t.maxBodyBytes());
    }

    private Evidence evidence(String label, Target target, String url, String lockId, String appUserId) {
        DecisionRequester.Exchange exchange = caller.callExactUrl(target, url, Ids.uuid());
        ObjectNode request = JSON.createObjectNode().put("method", exchange.method()).put("url", exchange.url())
                .put("connectTimeoutMs", target.connectTimeoutMs()).put("timeoutMs", target.timeoutMs());
        request.set("headers", JSON.valueToTree(exchange.maskedHeaders()));
        String curl = CurlLine.of(request);
        if (exchange.reply() instanceof Response response) {
            DecisionResult result = ResponseRules.judge(new ResponseRules.Request(lockId, appUserId, clock.get(),
                            settings.defaultDurationSeconds(), settings.maxDurationSeconds()),
                    response.status(), response.contentType(), response.location(), response.body());
            // An endpoint echoing a credential must not put it into a stored or printed report.
            String text = exchange.scrubber().scrub(new String(response.body(), StandardCharsets.UTF_8));
            return new Evidence(label, exchange.method(), exchange.url(), exchange.maskedHeaders(), response.status(),
                    response.contentType(), response.location(),
                    text.length() > Evidence.BODY_CHARS ? text.substring(0, Evidence.BODY_CHARS) + "…(cut)" : text,
                    response.body().length, exchange.latencyMs(), result.outcome().name(), exchange.scrubber().scrub(describe(result)), curl, result,
                    parse(response.body()), lockId, appUserId);
        }
        DecisionResult.Failed failed = ((Failure) exchange.reply()).failure();
        return new Evidence(label, exchange.method(), exchange.url(), exchange.maskedHeaders(), null, null, null, null, null,
                exchange.latencyMs(), failed.outcome().name(), failed.reason(), curl, failed, null, lockId, appUserId);
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

    /** The encoded form of a query value, as the platform sends it. */
    static String encode(String value) {
        return PercentEncoding.encode(value);
    }
}
