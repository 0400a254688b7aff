package dev.odksim.unloc;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A project's simulation of Unloc's key provisioning: how long keys stay creating, and which keys end in error. */
@Entity
@Table(name = "unloc_settings")
public class UnlocSettings extends PanacheEntityBase {

    @Id
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "provisioning_delay_ms")
    public int provisioningDelayMs;
    /** Share (0-100 %) of each batch's keys that end in error. */
    @Column(name = "fault_percent")
    public int faultPercent;
    /** Comma-separated lock ids whose keys always end in error. */
    @Column(name = "fault_lock_ids")
    public String faultLockIds;
    @Column(name = "fault_reason")
    public String faultReason;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
