package dev.odksim.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An integrator's endpoint for a project's Access Events: every lock of the project, or one ({@code lockId}). The
 * signing secret is kept in clear because signing needs it (like the on-demand secrets); it leaves the server only in
 * the answer to create and rotate.
 */
@Entity
@Table(name = "webhooks")
public class Webhook extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "trigger_name")
    public String trigger;
    public String url;
    @Column(name = "lock_id")
    public String lockId;
    public String secret;
    @Column(name = "previous_secret")
    public String previousSecret;
    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;
    public boolean enabled;
    @Column(name = "disabled_reason")
    public String disabledReason;
    /** Since when every attempt failed (simulator clock); null after a success. */
    @Column(name = "failing_since")
    public Instant failingSince;
    @Column(name = "created_at")
    public Instant createdAt;
}
