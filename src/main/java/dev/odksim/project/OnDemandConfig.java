package dev.odksim.project;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A project's on-demand decision configuration (DESIGN.md §6.1). The header value is a secret: never returned or logged. */
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
    /** DESIGN.md §5: an on-demand decision needs a valid scan proof of a sticker of the lock. */
    @Column(name = "require_scan_proof")
    public boolean requireScanProof;
}
