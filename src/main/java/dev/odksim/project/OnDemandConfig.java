package dev.odksim.project;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A project's on-demand decision configuration (docs/design.md §6.1). The header value, the OAuth2 client secret and
 * the signing secret are secrets: never returned or logged. */
@Entity
@Table(name = "on_demand_configs")
public class OnDemandConfig extends PanacheEntityBase {

    @Id
    @Column(name = "project_id")
    public String projectId;
    public boolean enabled;
    public String url;
    @Column(name = "auth_type")
    public String authType;
    @Column(name = "header_name")
    public String headerName;
    @Column(name = "header_value")
    public String headerValue;
    @Column(name = "connect_timeout_ms")
    public int connectTimeoutMs;
    @Column(name = "timeout_ms")
    public int timeoutMs;
    @Column(name = "default_duration_seconds")
    public long defaultDurationSeconds;
    @Column(name = "max_duration_seconds")
    public long maxDurationSeconds;
    /** OAuth2 client credentials (auth type {@code oauth2}); the client secret is a secret. */
    @Column(name = "oauth_token_url")
    public String oauthTokenUrl;
    @Column(name = "oauth_client_id")
    public String oauthClientId;
    @Column(name = "oauth_client_secret")
    public String oauthClientSecret;
    @Column(name = "oauth_scope")
    public String oauthScope;
    /** HMAC secret of the optional request signing; null means requests are not signed. A secret. */
    @Column(name = "signing_secret")
    public String signingSecret;
    /** Consecutive failed calls that open the project's circuit breaker. */
    @Column(name = "breaker_failures")
    public int breakerFailures = 5;
    /** How long an open circuit stays open before one trial call (half-open). */
    @Column(name = "breaker_delay_ms")
    public int breakerDelayMs = 10_000;
    /** Concurrent calls to the integrator (more wait in a bounded queue). */
    @Column(name = "max_concurrent")
    public int maxConcurrent = 20;
    /** Decisions kept in the log of this project; older ones are pruned. */
    @Column(name = "decision_retention")
    public int decisionRetention = 5000;
    /** docs/design.md §5: an on-demand decision needs a valid scan proof of a sticker of the lock. */
    @Column(name = "require_scan_proof")
    public boolean requireScanProof;
    /**
     * The URL and API key name this server's own reference integrator (the demo project's seed): they follow the
     * server's port and integrator key at every start. Cleared as soon as a user changes the URL or the auth.
     */
    @Column(name = "follows_server")
    public boolean followsServer;
}
