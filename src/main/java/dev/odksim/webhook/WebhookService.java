package dev.odksim.webhook;

import dev.odksim.common.HttpUrls;
import dev.odksim.common.Ids;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.ProblemException;
import dev.odksim.common.SimClock;
import dev.odksim.lock.UnlocAccessEvent;
import dev.odksim.project.Lock;
import dev.odksim.project.ProjectService;
import dev.odksim.webhook.WebhookDtos.CreatedWebhook;
import dev.odksim.webhook.WebhookDtos.DeliveryView;
import dev.odksim.webhook.WebhookDtos.RotatedSecret;
import dev.odksim.webhook.WebhookDtos.WebhookRequest;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Registration of a project's webhooks, secret rotation, switching on and off, the delivery log, redelivery and test events. */
@ApplicationScoped
public class WebhookService {

    static final int MAX_URL = 2048;

    @Inject
    ProjectService projects;
    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;
    @Inject
    WebhookOutbox outbox;

    @Transactional
    public CreatedWebhook register(String projectId, WebhookRequest request) {
        projects.project(projectId);
        String url = request.url().strip();
        if (url.length() > MAX_URL || !HttpUrls.isHttpUrl(url, true)) {
            throw ProblemException.badRequest("url", "must be an absolute http or https URL of at most 2048 characters, "
                    + "without user:password and without a fragment");
        }
        if (request.lockId() != null) {
            Lock lock = Lock.findById(request.lockId());
            if (lock == null || !lock.projectId.equals(projectId)) {
                throw ProblemException.badRequest("lockId", "is not a lock of project '" + projectId + "'");
            }
        }
        Webhook hook = new Webhook();
        hook.id = Ids.uuid();
        hook.projectId = projectId;
        hook.trigger = request.trigger().wire();
        hook.url = url;
        hook.lockId = request.lockId();
        hook.secret = WebhookSignature.newSecret();
        hook.enabled = true;
        hook.createdAt = clock.now();
        hook.persist();
        return CreatedWebhook.of(hook);
    }

    public List<Webhook> list(String projectId) {
        projects.project(projectId);
        return Webhook.list("projectId = ?1 order by createdAt, id", projectId);
    }

    public Webhook get(String projectId, String webhookId) {
        projects.project(projectId);
        Webhook hook = Webhook.findById(webhookId);
        if (hook == null || !hook.projectId.equals(projectId)) {
            throw ProblemException.notFound("Webhook", webhookId);
        }
        return hook;
    }

    @Transactional
    public void delete(String projectId, String webhookId) {
        Webhook hook = get(projectId, webhookId);
        WebhookAttempt.delete("deliveryId in (select d.id from WebhookDelivery d where d.webhookId = ?1)", hook.id);
        WebhookDelivery.delete("webhookId", hook.id);
        hook.delete();
    }

    @Transactional
    public Webhook setEnabled(String projectId, String webhookId, boolean enabled) {
        Webhook hook = get(projectId, webhookId);
        hook.enabled = enabled;
        if (enabled) {
            hook.disabledReason = null;
            hook.failingSince = null;
        } else if (hook.disabledReason == null) {
            hook.disabledReason = "Disabled by an administrator at " + clock.now();
        }
        return hook;
    }

    /** A new secret; the current one keeps signing beside it for {@code odk.webhooks.previous-secret-grace}. */
    @Transactional
    public RotatedSecret rotate(String projectId, String webhookId) {
        Webhook hook = get(projectId, webhookId);
        hook.previousSecret = hook.secret;
        hook.previousSecretUntil = clock.now().plus(config.webhooks().previousSecretGrace());
        hook.secret = WebhookSignature.newSecret();
        return new RotatedSecret(hook.id, hook.secret, hook.previousSecretUntil);
    }

    /** Newest first, each with its attempts. */
    public List<DeliveryView> deliveries(String projectId, String webhookId, int limit) {
        Webhook hook = get(projectId, webhookId);
        List<WebhookDelivery> deliveries = WebhookDelivery.<WebhookDelivery>find("webhookId = ?1 order by createdAt desc, id", hook.id)
                .page(Page.ofSize(limit)).list();
        if (deliveries.isEmpty()) {
            return List.of();
        }
        Map<String, List<WebhookAttempt>> attempts = WebhookAttempt.<WebhookAttempt>list("deliveryId in ?1 order by attemptNo",
                deliveries.stream().map(d -> d.id).toList()).stream().collect(Collectors.groupingBy(a -> a.deliveryId));
        return deliveries.stream().map(d -> DeliveryView.of(d, attempts.getOrDefault(d.id, List.of()))).toList();
    }

    /** The same event (same id and body) once more, due now, with a fresh retry period. */
    @Transactional
    public DeliveryView redeliver(String projectId, String webhookId, String deliveryId) {
        Webhook hook = get(projectId, webhookId);
        WebhookDelivery delivery = WebhookDelivery.findById(deliveryId);
        if (delivery == null || !delivery.webhookId.equals(hook.id)) {
            throw ProblemException.notFound("Delivery", deliveryId);
        }
        if (!hook.enabled) {
            throw ProblemException.conflict("The webhook is disabled; enable it before redelivering");
        }
        Instant now = clock.now();
        int updated = WebhookDelivery.update("state = ?1, nextAttemptAt = ?2, giveUpAt = ?3 where id = ?4"
                        + " and (leaseUntil is null or leaseUntil < ?5)", DeliveryState.PENDING.wire(), now,
                now.plus(config.webhooks().retryFor()), delivery.id, Instant.now());
        if (updated != 1) {
            throw ProblemException.conflict("The delivery is being attempted right now; try again when the attempt is logged");
        }
        WebhookDelivery.getEntityManager().refresh(delivery);
        outbox.nudgeAfterCommit();
        return DeliveryView.of(delivery, WebhookAttempt.list("deliveryId = ?1 order by attemptNo", delivery.id));
    }

    /** A made-up Access Event for this webhook only, delivered like a real one. */
    @Transactional
    public DeliveryView sendTest(String projectId, String webhookId) {
        Webhook hook = get(projectId, webhookId);
        if (!hook.enabled) {
            throw ProblemException.conflict("The webhook is disabled; enable it before sending a test event");
        }
        UnlocAccessEvent event = new UnlocAccessEvent(Ids.uuid(), UnlocAccessEvent.UNLOCKED, clock.now(), "test-key",
                hook.lockId == null ? "test-lock" : hook.lockId, "Test event from odk-sim", "+4700000000", null);
        WebhookDelivery delivery = outbox.queueOne(hook, event);
        return DeliveryView.of(delivery, List.of());
    }
}
