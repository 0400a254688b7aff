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
}
