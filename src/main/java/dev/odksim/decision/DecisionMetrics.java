package dev.odksim.decision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Decision metrics on the Prometheus endpoint ({@code /q/metrics}): {@code odk_decision_latency_seconds} (a histogram
 * by outcome) and {@code odk_decisions_total} (a counter by project and outcome).
 */
@ApplicationScoped
public class DecisionMetrics {

    @Inject
    MeterRegistry registry;

    void record(String projectId, Outcome outcome, long latencyMs) {
        Timer.builder("odk.decision.latency")
                .description("Wall time of a decision call to an integrator, token fetch and one 401 retry included")
                .tag("outcome", outcome.name())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(120))
                .register(registry)
                .record(latencyMs, TimeUnit.MILLISECONDS);
        Counter.builder("odk.decisions")
                .description("Decisions by project and outcome (docs/design.md §6.4)")
                .tag("project", projectId)
                .tag("outcome", outcome.name())
                .register(registry)
                .increment();
    }
}
