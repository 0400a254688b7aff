package dev.odksim.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.common.Ids;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.SimClock;
import dev.odksim.lock.UnlocAccessEvent;
import dev.odksim.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * The outbox: a delivery row per matching, enabled webhook, written by a synchronous observer of the unlock's
 * {@link UnlocAccessEvent}, so inside the unlock's own transaction (the event and its deliveries commit together or
 * not at all). Nothing here calls out; {@link DeliveryWorker} does, after the commit.
 */
@ApplicationScoped
public class WebhookOutbox {

    /** Fired inside the transaction that queued deliveries; the worker is nudged once it commits. */
    public record Queued(int deliveries) {
    }

    @Inject
    ProjectService projects;
    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    Event<Queued> queued;

    @Transactional(Transactional.TxType.MANDATORY)
    void onUnlock(@Observes UnlocAccessEvent event) {
        String projectId = projects.lock(event.lockId()).projectId;
        List<Webhook> hooks = Webhook.list("projectId = ?1 and enabled = true and trigger = ?2 and (lockId is null or lockId = ?3)",
                projectId, WebhookTrigger.ACCESS_EVENT.wire(), event.lockId());
        if (hooks.isEmpty()) {
            return;
        }
        String body = body(event);
        hooks.forEach(hook -> queue(hook.id, event.id(), body));
        queued.fire(new Queued(hooks.size()));
    }

    /** Queues {@code event} for one webhook (the test event), due now. */
    @Transactional(Transactional.TxType.MANDATORY)
    WebhookDelivery queueOne(Webhook hook, UnlocAccessEvent event) {
        WebhookDelivery delivery = queue(hook.id, event.id(), body(event));
        queued.fire(new Queued(1));
        return delivery;
    }

    /** Wakes the worker once the current transaction commits (e.g. after a redelivery). */
    @Transactional(Transactional.TxType.MANDATORY)
    void nudgeAfterCommit() {
        queued.fire(new Queued(1));
    }

    private WebhookDelivery queue(String webhookId, String eventId, String body) {
        Instant now = clock.now();
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.id = Ids.uuid();
        delivery.webhookId = webhookId;
        delivery.eventId = eventId;
        delivery.payload = body;
        delivery.state = DeliveryState.PENDING.wire();
        delivery.attempts = 0;
        delivery.createdAt = now;
        delivery.nextAttemptAt = now;
        delivery.giveUpAt = now.plus(config.webhooks().retryFor());
        delivery.persist();
        return delivery;
    }

    private String body(UnlocAccessEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Access Event not serialisable", e);
        }
    }
}
