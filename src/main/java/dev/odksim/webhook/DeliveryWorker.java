package dev.odksim.webhook;

import dev.odksim.common.OdkConfig;
import dev.odksim.common.SimClock;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends what the outbox holds: on a scheduler tick and right after an unlock commits, it claims due deliveries
 * ({@link DeliveryClaims}) up to its free sender threads and sends each on one of them, never on the request thread.
 * Tests call {@link #deliverDue()} instead of waiting for a tick.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final OdkConfig config;
    private final SimClock clock;
    private final DeliveryClaims claims;
    private final WebhookSender sender;
    private final WebhookMetrics metrics;
    private final ExecutorService senders;
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> daemon(r, "webhook-nudge"));
    private final AtomicInteger busy = new AtomicInteger();

    @Inject
    DeliveryWorker(OdkConfig config, SimClock clock, DeliveryClaims claims, WebhookSender sender, WebhookMetrics metrics) {
        this.config = config;
        this.clock = clock;
        this.claims = claims;
        this.sender = sender;
        this.metrics = metrics;
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(config.webhooks().senders(), r -> daemon(r, "webhook-sender-" + n.incrementAndGet()));
    }

    @Scheduled(every = "${odk.webhooks.poll-every}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (config.webhooks().worker()) {
            start();
        }
    }

    void nudge(@Observes(during = TransactionPhase.AFTER_SUCCESS) WebhookOutbox.Queued queued) {
        if (config.webhooks().worker()) {
            nudges.execute(this::start);
        }
    }

    /** Claims and sends every due delivery it can now, and waits for those attempts; returns how many it made. */
    public int deliverDue() {
        List<CompletableFuture<Void>> started = start();
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
        return started.size();
    }

    /** {@link #deliverDue()} until nothing more is due now (each round is bounded by the per-webhook concurrency). */
    public int drain() {
        int total = 0;
        for (int round = deliverDue(); round > 0; round = deliverDue()) {
            total += round;
        }
        return total;
    }

    private synchronized List<CompletableFuture<Void>> start() {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        try {
            int free = config.webhooks().senders() - busy.get();
            if (free <= 0) {
                return started;
            }
            Instant simNow = clock.now();
            Instant realNow = Instant.now();
            for (String id : claims.due(simNow, realNow, free * 4)) {
                if (started.size() >= free) {
                    break;
                }
                Optional<DeliveryClaims.Claim> claim = claims.claim(id, simNow, realNow);
                if (claim.isPresent()) {
                    busy.incrementAndGet();
                    started.add(CompletableFuture.runAsync(() -> attempt(claim.get()), senders)
                            .whenComplete((ok, error) -> busy.decrementAndGet()));
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Webhook worker: could not claim deliveries: %s", e.toString());
        }
        return started;
    }

    private void attempt(DeliveryClaims.Claim claim) {
        Instant at = clock.now();
        long timestamp = Instant.now().getEpochSecond();
        Map<String, String> headers = Map.of(
                "webhook-id", claim.eventId(),
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSignature.header(claim.secrets(), claim.eventId(), timestamp, claim.payload()));
        WebhookSender.Result result = sender.send(claim.url(), headers, claim.payload());
        try {
            claims.record(claim, at, result, clock.now()).ifPresent(outcome -> metrics.record(outcome, result.latencyMs()));
        } catch (RuntimeException e) {
            // The lease runs out and the attempt is made again: at least once, never lost.
            LOG.warnf("Webhook worker: could not record %s: %s", claim, e.toString());
        }
    }

    @PreDestroy
    void stop() {
        nudges.shutdownNow();
        senders.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
