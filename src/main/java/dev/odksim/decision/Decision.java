package dev.odksim.decision;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The audit record of one call to an integrator (docs/design.md §3): what was sent (secrets masked), what came back, and the outcome. */
@Entity
@Table(name = "decisions")
public class Decision extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "lock_id")
    public String lockId;
    @Column(name = "app_user_id")
    public String appUserId;
    public String outcome;
    public String reason;
    @Column(name = "http_status")
    public Integer httpStatus;
    @Column(name = "latency_ms")
    public long latencyMs;
    public Instant at;
    /** JSON: {method, url, headers, connectTimeoutMs, timeoutMs, sent, tokenRefreshed?} with secret header values masked. */
    public String request;
    @Column(name = "response_content_type")
    public String responseContentType;
    @Column(name = "response_body")
    public String responseBody;
}
