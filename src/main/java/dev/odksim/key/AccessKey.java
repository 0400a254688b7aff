package dev.odksim.key;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A key to one lock for one app user (docs/design.md §3, §7). The stored state only records what time cannot tell
 * (creating, issued, revoked, error); scheduled/active/expired follow from the window and the clock, see {@link KeyState}.
 */
@Entity
@Table(name = "access_keys")
public class AccessKey extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "lock_id")
    public String lockId;
    @Column(name = "app_user_id")
    public String appUserId;
    @Column(name = "start_at")
    public Instant start;
    @Column(name = "end_at")
    public Instant end;
    public String state;
    public String source;
    @Column(name = "decision_id")
    public String decisionId;
    public String token;
    @Column(name = "created_at")
    public Instant createdAt;
    /** The device's public key (RFC 7800 {@code cnf.jwk}, JSON) for a device-bound key; null for a bearer key. */
    @Column(name = "cnf_jwk")
    public String cnfJwk;
    /** RFC 7638 thumbprint of {@link #cnfJwk}. */
    @Column(name = "cnf_thumbprint")
    public String cnfThumbprint;
    /** {@code kid} of the signing key that signed {@link #token}. */
    @Column(name = "signing_kid")
    public String signingKid;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Column(name = "revoked_reason")
    public String revokedReason;
    /** Database-assigned in insertion order, never changed: the order the {@code /v2} key list pages in. */
    @Column(name = "seq", insertable = false, updatable = false)
    public Long seq;
    /** The {@code /v2} batch (dev.odksim.unloc) that created this key; null for keys made elsewhere. */
    @Column(name = "job_ref")
    public String jobRef;
    /** For a key of a {@code /v2} batch: when its simulated provisioning ends (it leaves creating). */
    @Column(name = "ready_at")
    public Instant readyAt;
    /** Why the key is {@code error} (for a {@code /v2} key: set when the fault knob picked it, shown once it failed). */
    public String failure;
    @Column(name = "duration_minutes")
    public Integer durationMinutes;
    /** Unloc recurrence {@code {"timeSpans":[...]}} as JSON, carried in the key's JWS; see {@link Recurrence}. */
    public String recurrence;
    /** The integrator's opaque metadata (JSON object), returned as sent. */
    public String metadata;
}
