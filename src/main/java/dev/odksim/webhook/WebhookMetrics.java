package dev.odksim.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Webhook metrics on {@code /q/metrics}: {@code odk_webhook_deliveries_total{outcome}} counts attempts by what they
 * made of the delivery ({@code delivered}, {@code retrying}, {@code failed}), {@code odk_webhook_delivery_latency_seconds}
 * is the histogram of attempt wall times.
 */
@ApplicationScoped
class WebhookMetrics {

    @Inject
    MeterRegistry registry;

    void record(DeliveryClaims.Outcome outcome, long latencyMs) {
        Timer.builder("odk.webhook.delivery.latency")
                .description("Wall time of one webhook delivery attempt, until the status and the first 2 KiB of the answer")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(latencyMs, TimeUnit.MILLISECONDS);
        Counter.builder("odk.webhook.deliveries")
                .description("Webhook delivery attempts by outcome: delivered, retrying (failed, retried later), failed (given up)")
                .tag("outcome", outcome.name())
                .register(registry)
                .increment();
    }
}
