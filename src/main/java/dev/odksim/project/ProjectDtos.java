package dev.odksim.project;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** The admin API's shapes of projects, locks and on-demand configuration (docs/api.md). */
public final class ProjectDtos {

    private ProjectDtos() {
    }

    public record NewProject(String id, String name) {
    }

    public record ProjectView(String id, String name, Instant createdAt) {
        static ProjectView of(Project p) {
            return new ProjectView(p.id, p.name, p.createdAt);
        }
    }

    /** {@code timezone}: IANA zone of the lock (default Europe/Oslo), where recurring keys' spans are read. */
    public record NewLock(String id, String name, String timezone) {
        public NewLock(String id, String name) {
            this(id, name, null);
        }
    }

    public record LockView(String id, String projectId, String name, String vendor, Instant createdAt, String timezone) {
        public static LockView of(Lock l) {
            return new LockView(l.id, l.projectId, l.name, l.vendor, l.createdAt, l.timezone);
        }
    }

    /** Body of {@code PUT .../locks/{lockId}/timezone}. */
    public record LockTimezone(String timezone) {
    }

    /**
     * {@code auth} of the on-demand configuration: {@code {type:"header", headerName, headerValue}},
     * {@code {type:"oauth2", tokenUrl, clientId, clientSecret, scope?}} or {@code {type:"none"}}. Secrets
     * ({@code headerValue}, {@code clientSecret}) are write-only: masked on read, and a masked value sent back keeps
     * the stored one.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Auth(@Schema(enumeration = {"header", "oauth2", "none"}) String type, String headerName, String headerValue, String tokenUrl, String clientId,
                       String clientSecret, String scope) {
        public Auth(String type, String headerName, String headerValue) {
            this(type, headerName, headerValue, null, null, null, null);
        }
    }

    /** Optional HMAC-SHA256 request signing (docs/integrator-guide.md); {@code secret} is write-only like the others. */
    public record Signing(Boolean enabled, String secret) {
    }

    /**
     * The on-demand configuration (docs/design.md §6.1). On update every field is optional: an absent one keeps its value.
     * {@code circuitBreakerFailures}, {@code circuitBreakerDelayMs} and {@code maxConcurrent} are the protection of §6.5;
     * {@code decisionRetention} bounds the decision log of the project; {@code requireScanProof} (docs/design.md §5) makes
     * on-demand decisions need a scan proof of a sticker of the lock.
     */
    public record OnDemandView(Boolean enabled, String url, Auth auth, Integer connectTimeoutMs, Integer timeoutMs,
                               Long defaultDurationSeconds, Long maxDurationSeconds, Signing signing,
                               Integer circuitBreakerFailures, Integer circuitBreakerDelayMs, Integer maxConcurrent,
                               Integer decisionRetention, Boolean requireScanProof) {
        public OnDemandView(Boolean enabled, String url, Auth auth, Integer connectTimeoutMs, Integer timeoutMs,
                            Long defaultDurationSeconds, Long maxDurationSeconds) {
            this(enabled, url, auth, connectTimeoutMs, timeoutMs, defaultDurationSeconds, maxDurationSeconds,
                    null, null, null, null, null, null);
        }

        /** Without the sticker-trust setting {@code requireScanProof} (docs/design.md §5), which then keeps its value. */
        public OnDemandView(Boolean enabled, String url, Auth auth, Integer connectTimeoutMs, Integer timeoutMs,
                            Long defaultDurationSeconds, Long maxDurationSeconds, Signing signing,
                            Integer circuitBreakerFailures, Integer circuitBreakerDelayMs, Integer maxConcurrent,
                            Integer decisionRetention) {
            this(enabled, url, auth, connectTimeoutMs, timeoutMs, defaultDurationSeconds, maxDurationSeconds, signing,
                    circuitBreakerFailures, circuitBreakerDelayMs, maxConcurrent, decisionRetention, null);
        }
    }
}
