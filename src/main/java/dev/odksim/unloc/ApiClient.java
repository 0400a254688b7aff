package dev.odksim.unloc;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Client credentials of one project for the {@code /v2} API; the secret is kept only as its SHA-256. */
@Entity
@Table(name = "unloc_api_clients")
public class ApiClient extends PanacheEntityBase {

    @Id
    @Column(name = "client_id")
    public String clientId;
    @Column(name = "project_id")
    public String projectId;
    public String name;
    @Column(name = "secret_hash")
    public String secretHash;
    @Column(name = "created_at")
    public Instant createdAt;
}
