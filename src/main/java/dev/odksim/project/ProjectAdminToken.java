package dev.odksim.project;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A project-scoped admin token: only its SHA-256 is stored; the token itself is shown once, at creation. */
@Entity
@Table(name = "project_admin_tokens")
public class ProjectAdminToken extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "token_hash")
    public String tokenHash;
    public String label;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
}
