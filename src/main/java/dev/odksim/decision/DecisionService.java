package dev.odksim.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.common.Ids;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.SecretScrubber;
import dev.odksim.common.SimClock;
import dev.odksim.decision.DecisionRequester.Exchange;
import dev.odksim.decision.DecisionTransport.Failure;
import dev.odksim.decision.DecisionTransport.Response;
import dev.odksim.decision.DecisionResult.Denied;
import dev.odksim.decision.DecisionResult.Failed;
import dev.odksim.decision.DecisionResult.Granted;
import dev.odksim.integrator.OwnIntegrator;
import dev.odksim.project.OnDemandConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks a project's integrator whether a phone may open a lock now (docs/design.md §6): the call goes through the
 * project's guards (§6.5), the answer through the rules of §6.4; the decision is counted in the metrics and its record
 * stored by the caller ({@link #store}, oldest pruned past the project's retention bound by the retention job). No
 * transaction is held during the HTTP call.
 */
@ApplicationScoped
public class DecisionService {

    private static final Logger LOG = Logger.getLogger(DecisionService.class);
    private static final int RECORDED_BODY_CHARS = 2000;

    @Inject
    DecisionRequester caller;
    @Inject
    DecisionGuards guards;
    @Inject
    DecisionMetrics metrics;
    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    OwnIntegrator own;

    /**
     * A decision as made, its record not yet stored: {@link #store} writes it in the caller's transaction (with the key it
     * grants, one commit for both), {@link #storeAlone} in its own. {@code retryAfterSeconds} is set when the app may
     * retry later (circuit open).
     */
    public record MadeDecision(Decision record, DecisionResult result, Long retryAfterSeconds) {
        public String decisionId() {
            return record.id;
        }
    }

    /** A result and the exchange behind it (null when the guards refused the call). */
    private record Judged(Exchange exchange, DecisionResult result, Long retryAfterSeconds) {
    }

    /**
     * The caller's target for a project's configuration (secrets included: never log it). A configuration that follows
     * the server (the demo's seed, until a user sets their own URL or auth) targets this instance's own reference
     * integrator, resolved now: the stored URL names whichever instance started last, which may be gone.
     */
    public Target target(OnDemandConfig c) {
        if (c.followsServer) {
            return new Target(own.url(), new CallerAuth.ApiHeader(OwnIntegrator.HEADER, own.apiKey()), c.signingSecret,
                    c.connectTimeoutMs, c.timeoutMs, config.decision().maxBodyBytes());
        }
        CallerAuth auth = switch (c.authType) {
            case "header" -> new CallerAuth.ApiHeader(c.headerName, c.headerValue);
            case "oauth2" -> new CallerAuth.OAuth2(c.oauthTokenUrl, c.oauthClientId, c.oauthClientSecret, c.oauthScope);
            default -> new CallerAuth.None();
        };
        return new Target(c.url, auth, c.signingSecret, c.connectTimeoutMs, c.timeoutMs, config.decision().maxBodyBytes());
    }

    public MadeDecision decide(OnDemandConfig onDemand, String lockId, String appUserId) {
        String requestId = Ids.uuid();
        Target target = target(onDemand);
        DecisionGuards.Settings settings = new DecisionGuards.Settings(onDemand.breakerFailures, onDemand.breakerDelayMs,
                onDemand.maxConcurrent);
        Judged judged = guards.run(onDemand.projectId, settings,
                () -> judge(caller.call(target, lockId, appUserId, requestId), onDemand, target, lockId, appUserId),
                DecisionService::isOutage,
                rejected -> new Judged(null, new Failed(rejected.outcome(), rejected.reason()), rejected.retryAfterSeconds()));
        judged = scrubbed(judged, target);
        Decision decision = recordOf(requestId, onDemand, target, lockId, appUserId, judged);
        metrics.record(onDemand.projectId, judged.result().outcome(), decision.latencyMs);
        LOG.infof("Decision %s project=%s lock=%s outcome=%s %s(%d ms)", decision.id, decision.projectId, lockId,
                decision.outcome, decision.reason == null ? "" : "reason=\"" + decision.reason + "\" ", decision.latencyMs);
        return new MadeDecision(decision, judged.result(), judged.retryAfterSeconds());
    }

    /**
     * Stores a made decision in the caller's transaction: one insert, nothing else. The project's retention bound is
     * applied off the request path, in batches, by retention/RetentionJob (the log never shows more than the bound
     * meanwhile: see recent()).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(MadeDecision made) {
        made.record().persist();
    }

    /** Stores a made decision in a transaction of its own (an outcome that grants no key). */
    public void storeAlone(MadeDecision made) {
        QuarkusTransaction.requiringNew().run(made.record()::persist);
    }

    /**
     * The result's text without any secret of the call (an integrator or token endpoint may echo one): it becomes the
     * app's problem detail, the recorded reason and a log line.
     */
    private static Judged scrubbed(Judged judged, Target target) {
        SecretScrubber secrets = judged.exchange() != null ? judged.exchange().scrubber() : SecretScrubber.of(target.secrets());
        DecisionResult result = judged.result();
        DecisionResult clean;
        if (result instanceof Granted g) {
            clean = new Granted(g.start(), g.end(), secrets.scrub(g.reason()));
        } else if (result instanceof Denied d) {
            clean = new Denied(secrets.scrub(d.reason()));
        } else {
            Failed f = (Failed) result;
            clean = new Failed(f.outcome(), secrets.scrub(f.reason()));
        }
        return new Judged(judged.exchange(), clean, judged.retryAfterSeconds());
    }

    /**
     * Whether a result says the integrator is unavailable, which the circuit breaker counts: no answer in time, no
     * connection, HTTP 5xx or 429, or a failing token endpoint. Answers that break the rules of §6.4 (invalid body,
     * redirect, 4xx, too large) are reported as they are on every call, so a developer fixing the endpoint always
     * sees the real reason instead of CIRCUIT_OPEN.
     */
    static boolean isOutage(Judged judged) {
        if (!(judged.result() instanceof Failed failed)) {
            return false;
        }
        return switch (failed.outcome()) {
            case TIMEOUT, CONNECT_ERROR, AUTH_ERROR -> true;
            case HTTP_STATUS -> judged.exchange().reply() instanceof Response r && (r.status() >= 500 || r.status() == 429);
            default -> false;
        };
    }

    private Judged judge(Exchange exchange, OnDemandConfig onDemand, Target target, String lockId, String appUserId) {
        if (exchange.reply() instanceof Failure failure) {
            return new Judged(exchange, failure.failure(), null);
        }
        Response response = (Response) exchange.reply();
        DecisionResult result = ResponseRules.judge(new ResponseRules.Request(lockId, appUserId, clock.now(),
                        onDemand.defaultDurationSeconds, onDemand.maxDurationSeconds),
                response.status(), response.contentType(), response.location(), response.body());
        if (result instanceof Failed failed && failed.outcome() == Outcome.HTTP_STATUS) {
            result = new Failed(Outcome.HTTP_STATUS, failed.reason() + hint(response, exchange, onDemand, target));
        }
        return new Judged(exchange, result, null);
    }

    /** What an integrator developer most likely has to fix for this status. */
    private static String hint(Response response, Exchange exchange, OnDemandConfig onDemand, Target target) {
        int status = response.status();
        if ((status == 401 || status == 403) && exchange.tokenRefreshed()) {
            return " (still refused with a freshly fetched OAuth2 token: check the token's scope/audience at the integrator)";
        }
        if (status == 401 || status == 403) {
            return " (the integrator refused the caller's credentials: check the on-demand auth, type " + onDemand.authType + ")";
        }
        if (status == 404) {
            return " (check the configured URL: " + target.url() + ")";
        }
        return response.header("retry-after").map(v -> " (the integrator asked to retry after " + v
                + "; the caller does not retry: the app gets the failure now)").orElse("");
    }

    private Decision recordOf(String requestId, OnDemandConfig onDemand, Target target, String lockId, String appUserId, Judged judged) {
        Exchange exchange = judged.exchange();
        Decision decision = new Decision();
        decision.id = requestId;
        decision.projectId = onDemand.projectId;
        decision.lockId = lockId;
        decision.appUserId = appUserId;
        decision.outcome = judged.result().outcome().name();
        decision.reason = clip(judged.result().reason(), 1000);
        decision.latencyMs = exchange == null ? 0 : exchange.latencyMs();
        decision.at = clock.now();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", "GET");
        request.put("url", DecisionRequester.url(target, lockId, appUserId));
        request.put("headers", exchange == null ? Map.of() : exchange.maskedHeaders());
        request.put("connectTimeoutMs", target.connectTimeoutMs());
        request.put("timeoutMs", target.timeoutMs());
        request.put("sent", exchange != null && exchange.sent());
        if (exchange != null && exchange.tokenRefreshed()) {
            request.put("tokenRefreshed", true);
        }
        decision.request = clip(describe(request), 4000);
        if (exchange != null && exchange.reply() instanceof Response response) {
            decision.httpStatus = response.status();
            decision.responseContentType = clip(response.contentType(), 200);
            decision.responseBody = truncate(exchange.scrubber().scrub(new String(response.body(), StandardCharsets.UTF_8)));
        }
        return decision;
    }

    /**
     * Newest first, at most {@code retention} (the project's bound): decisions past it wait for the retention job to
     * delete them but are never shown.
     */
    public List<Decision> recent(String projectId, int limit, int retention) {
        return Decision.find("projectId = ?1 order by at desc, id desc", projectId).page(0, Math.min(limit, retention)).list();
    }

    private String describe(Map<String, Object> request) {
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    private static String truncate(String body) {
        return body.length() <= RECORDED_BODY_CHARS ? body : body.substring(0, RECORDED_BODY_CHARS) + "…(truncated)";
    }
}
