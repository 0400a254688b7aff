package dev.odksim.webhook;

import dev.odksim.common.Ids;
import dev.odksim.common.OdkConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database side of delivery, each step its own short transaction: find what is due, claim one attempt (a lease
 * taken by a conditional update under the webhook's row lock, which also bounds the attempts in flight per webhook
 * across instances), and record its outcome (the attempt row, the next retry or the end, the webhook's failing streak).
 */
@ApplicationScoped
class DeliveryClaims {

    /** Everything one attempt needs, read when it was claimed. */
    record Claim(String deliveryId, String leaseToken, String webhookId, String url, List<String> secrets, String eventId,
                 String payload, int attemptNo) {
        @Override
        public String toString() {
            return "Claim[" + deliveryId + " attempt " + attemptNo + " to " + url + "]";
        }
    }

    /** How an attempt ended the delivery's turn: delivered, retrying later, or failed for good. */
    enum Outcome { delivered, retrying, failed }

    @Inject
    EntityManager em;
    @Inject
    OdkConfig config;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    List<String> due(Instant simNow, Instant realNow, int max) {
        return em.createQuery("select d.id from WebhookDelivery d, Webhook w where w.id = d.webhookId and w.enabled = true"
                        + " and d.state = 'pending' and d.nextAttemptAt <= :now and (d.leaseUntil is null or d.leaseUntil < :real)"
                        + " order by d.nextAttemptAt, d.id", String.class)
                .setParameter("now", simNow).setParameter("real", realNow).setMaxResults(max).getResultList();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<Claim> claim(String deliveryId, Instant simNow, Instant realNow) {
        WebhookDelivery delivery = WebhookDelivery.findById(deliveryId);
        if (delivery == null) {
            return Optional.empty();
        }
        // The row lock serialises claimers of one webhook (any instance), so the count and the claim are one step.
        Webhook hook = em.find(Webhook.class, delivery.webhookId, LockModeType.PESSIMISTIC_WRITE);
        if (hook == null || !hook.enabled) {
            return Optional.empty();
        }
        long inFlight = WebhookDelivery.count("webhookId = ?1 and leaseUntil > ?2", hook.id, realNow);
        if (inFlight >= config.webhooks().maxConcurrencyPerEndpoint()) {
            return Optional.empty();
        }
        String token = Ids.uuid();
        // Twice the timeout and a margin: an attempt always ends by then, and a crashed worker's attempt is retried soon after.
        Instant leaseUntil = realNow.plus(config.webhooks().timeout().multipliedBy(2)).plus(Duration.ofSeconds(5));
        int claimed = em.createQuery("update WebhookDelivery d set d.leaseUntil = :lease, d.leaseToken = :token where d.id = :id"
                        + " and d.state = 'pending' and d.nextAttemptAt <= :now and (d.leaseUntil is null or d.leaseUntil < :real)")
                .setParameter("lease", leaseUntil).setParameter("token", token).setParameter("id", deliveryId)
                .setParameter("now", simNow).setParameter("real", realNow).executeUpdate();
        if (claimed != 1) {
            return Optional.empty();
        }
        List<String> secrets = new ArrayList<>(List.of(hook.secret));
        if (hook.previousSecret != null && hook.previousSecretUntil != null && simNow.isBefore(hook.previousSecretUntil)) {
            secrets.add(hook.previousSecret);
        }
        return Optional.of(new Claim(delivery.id, token, hook.id, hook.url, secrets, delivery.eventId, delivery.payload,
                delivery.attempts + 1));
    }

    /**
     * Records the attempt and moves the delivery on; returns empty when the delivery is gone (webhook deleted) or was
     * taken over after this lease expired (the attempt is still logged).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<Outcome> record(Claim claim, Instant at, WebhookSender.Result result, Instant simNow) {
        WebhookDelivery delivery = em.find(WebhookDelivery.class, claim.deliveryId(), LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null) {
            return Optional.empty();
        }
        WebhookAttempt attempt = new WebhookAttempt();
        attempt.id = Ids.uuid();
        attempt.deliveryId = delivery.id;
        attempt.attemptNo = claim.attemptNo();
        attempt.at = at;
        attempt.latencyMs = result.latencyMs();
        boolean success = false;
        Duration retryAfter = null;
        if (result instanceof WebhookSender.Answered answered) {
            attempt.statusCode = answered.status();
            attempt.responseExcerpt = answered.excerpt();
            success = answered.success();
            retryAfter = answered.retryAfter();
            if (!success) {
                attempt.error = answered.status() >= 300 && answered.status() < 400
                        ? "HTTP " + answered.status() + ": redirects are not followed" : "HTTP " + answered.status();
            }
        } else if (result instanceof WebhookSender.NoAnswer none) {
            attempt.error = truncate(none.error(), 500);
        }
        if (!claim.leaseToken().equals(delivery.leaseToken)) {
            attempt.error = truncate("lease lost; outcome not applied" + (attempt.error == null ? "" : " (" + attempt.error + ")"), 500);
            attempt.persist();
            return Optional.empty();
        }
        Webhook hook = em.find(Webhook.class, delivery.webhookId, LockModeType.PESSIMISTIC_WRITE);
        Outcome outcome;
        delivery.attempts = claim.attemptNo();
        delivery.leaseUntil = null;
        delivery.leaseToken = null;
        if (success) {
            delivery.state = DeliveryState.DELIVERED.wire();
            delivery.nextAttemptAt = null;
            hook.failingSince = null;
            outcome = Outcome.delivered;
        } else {
            Instant next = simNow.plus(RetrySchedule.delay(claim.attemptNo(), retryAfter, () -> ThreadLocalRandom.current().nextDouble()));
            if (next.isAfter(delivery.giveUpAt)) {
                delivery.state = DeliveryState.FAILED.wire();
                delivery.nextAttemptAt = null;
                outcome = Outcome.failed;
            } else {
                delivery.nextAttemptAt = next;
                outcome = Outcome.retrying;
            }
            failing(hook, at, attempt.error);
        }
        attempt.nextAttemptAt = delivery.nextAttemptAt;
        attempt.persist();
        return Optional.of(outcome);
    }

    /** Starts or extends the webhook's failing streak; a streak of {@code odk.webhooks.disable-after} disables it. */
    private void failing(Webhook hook, Instant at, String error) {
        if (hook.failingSince == null) {
            hook.failingSince = at;
        } else if (hook.enabled && !at.isBefore(hook.failingSince.plus(config.webhooks().disableAfter()))) {
            hook.enabled = false;
            hook.disabledReason = truncate("Disabled at " + at + ": every delivery failed since " + hook.failingSince
                    + " (last error: " + error + ")", 500);
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
