package dev.odksim.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.common.Ids;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.SimClock;
import dev.odksim.decision.DecisionClient.Call;
import dev.odksim.decision.DecisionClient.Failure;
import dev.odksim.decision.DecisionClient.Reply;
import dev.odksim.decision.DecisionClient.Response;
import dev.odksim.project.OnDemandConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asks a project's integrator whether a phone may open a lock now (DESIGN.md §6), and records the decision.
 * No transaction is held during the HTTP call; the record is written in its own transaction afterwards.
 */
@ApplicationScoped
public class DecisionService {

    private static final Logger LOG = Logger.getLogger(DecisionService.class);
    private static final int RECORDED_BODY_CHARS = 2000;

    @Inject
    DecisionClient client;
    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;
    @Inject
    ObjectMapper json;

    /** A decision as made and recorded. */
    public record Made(String decisionId, DecisionResult result) {
    }

    public Made decide(OnDemandConfig onDemand, String lockId, String appUserId) {
        Map<String, String> headers = new LinkedHashMap<>();
        String requestId = Ids.uuid();
        headers.put(DecisionClient.REQUEST_ID_HEADER, requestId);
        Set<String> secret = Set.of();
        if ("header".equals(onDemand.authType)) {
            headers.put(onDemand.headerName, onDemand.headerValue);
            secret = Set.of(onDemand.headerName);
        }
        Call call = new Call(onDemand.url, lockId, appUserId, headers, onDemand.connectTimeoutMs, onDemand.timeoutMs,
                config.decision().maxBodyBytes());
        Reply reply = client.call(call);
        DecisionResult result;
        Integer status = null;
        String body = null;
        if (reply instanceof Response response) {
            status = response.status();
            body = truncate(new String(response.body(), StandardCharsets.UTF_8));
            result = ResponseRules.judge(new ResponseRules.Request(lockId, appUserId, clock.now(),
                    onDemand.defaultDurationSeconds, onDemand.maxDurationSeconds),
                    response.status(), response.contentType(), response.location(), response.body());
        } else {
            result = ((Failure) reply).failure();
        }
        Decision decision = new Decision();
        decision.id = requestId;
        decision.projectId = onDemand.projectId;
        decision.lockId = lockId;
        decision.appUserId = appUserId;
        decision.outcome = result.outcome().name();
        decision.reason = result.reason();
        decision.httpStatus = status;
        decision.latencyMs = reply.latencyMs();
        decision.at = clock.now();
        decision.request = describe(DecisionClient.url(call), DecisionClient.masked(headers, secret));
        decision.responseBody = body;
        QuarkusTransaction.requiringNew().run(decision::persist);
        LOG.infof("Decision %s project=%s lock=%s outcome=%s %s(%d ms)", decision.id, decision.projectId, lockId,
                decision.outcome, result.reason() == null ? "" : "reason=\"" + result.reason() + "\" ", decision.latencyMs);
        return new Made(decision.id, result);
    }

    /** Newest first. */
    public List<Decision> recent(String projectId, int limit) {
        return Decision.find("projectId = ?1 order by at desc, id desc", projectId).page(0, limit).list();
    }

    private String describe(String url, Map<String, String> headers) {
        try {
            return json.writeValueAsString(Map.of("method", "GET", "url", url, "headers", headers));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String body) {
        return body.length() <= RECORDED_BODY_CHARS ? body : body.substring(0, RECORDED_BODY_CHARS) + "…(truncated)";
    }
}
