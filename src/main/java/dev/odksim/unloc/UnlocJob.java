package dev.odksim.unloc;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One accepted batch of {@code POST /v2/projects/{p}/keys}; its keys carry its {@code jobRef}. */
@Entity
@Table(name = "unloc_jobs")
public class UnlocJob extends PanacheEntityBase {

    @Id
    @Column(name = "job_ref")
    public String jobRef;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "key_count")
    public int keyCount;
}
